// Passwords and building blocks people pick most often, for password-policy.ts.
//
// Where this came from: written for this repository from the patterns that dominate published
// breached-password frequency lists (the yearly "top passwords" lists of SplashData and NordPass,
// the RockYou leak as analysed in public research, the UK NCSC's "100,000 most common" list):
// digit runs, keyboard walks, "password"/"iloveyou"/"qwerty" with the digits and years people
// append to pass a length rule, names of football clubs, seasons and cities, and a few phrases
// that became famous as examples. It was compiled from those patterns, not copied from any one
// list, so it carries no third-party licence; it is not exhaustive. The structural checks in
// password-policy.ts catch the variations (any common word plus digits, a year or symbols;
// repeated characters; keyboard and alphabet runs; the user's own name or e-mail).

/** Whole passwords of 12 characters or more, compared case-insensitively. */
export const COMMON_LONG_PASSWORDS: readonly string[] = [
  // digit runs, repeats and keypad walks
  "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "123456789101",
  "123456123456", "123123123123", "123412341234", "123451234512", "111111111111", "000000000000",
  "222222222222", "333333333333", "444444444444", "555555555555", "666666666666", "777777777777",
  "888888888888", "999999999999", "121212121212", "112233445566", "123321123321", "147258369147",
  "159753159753", "987654321098", "987654321987", "098765432112", "012345678901", "102030405060",
  "101010101010", "100200300400", "789456123789", "741852963741", "963852741963", "147852369147",
  "159357159357", "123654789123", "135792468013", "246813579246", "010203040506", "123456654321",
  "987654321123", "321321321321", "456456456456", "789789789789", "1234512345123", "112211221122",
  // keyboard walks, with and without digits
  "qwertyuiopasdf", "qwertyuiopasdfgh", "qwertyuiopasdfghjkl", "qwertyuiop12", "qwertyuiop123",
  "qwertyuiop1234", "qwerty123456", "qwerty1234567", "qwerty12345678", "qwerty123456789",
  "qwertyqwerty", "qwertyqwerty1", "qwerty123qwerty", "123456qwerty", "1234567qwerty", "123456789qwerty",
  "1234567890qwerty", "qwertyasdfgh", "qwertyasdfghzxcvbn", "asdfghjkl123", "asdfghjkl1234",
  "asdfghjklqwerty", "asdfasdfasdf", "asdf1234asdf", "asdfasdf1234", "qwerqwerqwer", "qwer1234qwer",
  "qwer1234asdf", "1234qwerasdf", "1234qwerasdfzxcv", "zxcvbnm12345", "zxcvbnm123456", "zxcvbnmasdfgh",
  "qweasdzxc123", "qweasdzxc1234", "qweasdzxcqwe", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "1qazxsw23edc",
  "1qaz@wsx3edc", "!qaz@wsx#edc", "!qaz2wsx#edc", "zaq12wsxcde3", "zaq12wsxcde34rfv", "zaq1zaq1zaq1",
  "zaq1xsw2cde3", "qazwsxedcrfv", "qazwsxedc123", "qazwsx123456", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u",
  "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6", "1q2w3e4r1q2w", "a1b2c3d4e5f6", "1a2b3c4d5e6f", "1234abcd1234",
  "abcd1234abcd", "abcd12345678", "qwertzuiop12", "qwertzuiop123", "azertyuiop12", "azertyuiop123",
  "azerty123456", "qwertz123456", "1qay2wsx3edc", "yxcvbnm12345",
  // the alphabet
  "abcdefghijkl", "abcdefghijklm", "abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz", "abcdefgh1234",
  "abcdef123456", "abc123456789", "abc123abc123", "abcabcabcabc", "aaaaaaaaaaaa", "aaaaaa111111",
  "aaaaaaaaaaaaaaaa", "abcdefg12345", "123456abcdef", "123456789abc", "1234567890abc", "zyxwvutsrqpo",
  // "password", in the spellings people think are clever
  "passwordpassword", "password1234", "password12345", "password123456", "password1234567",
  "password123456789", "password123!", "password1234!", "password!123", "password@123", "password#123",
  "password2020", "password2021", "password2022", "password2023", "password2024", "password2025",
  "password2026", "passw0rd1234", "passw0rd123!", "p@ssw0rd1234", "p@ssword1234", "p@ssw0rd123!",
  "p@55w0rd1234", "pa55word1234", "pa55w0rd1234", "mypassword123", "mypassword1234", "newpassword123",
  "newpassword1", "securepassword", "securepassword1", "strongpassword", "strongpassword1",
  "supersecretpassword", "verysecurepassword", "passwordispassword", "thisismypassword", "changethispassword",
  "changeme1234", "changeme123456", "changemenow1", "changemeplease", "defaultpassword", "temppassword1",
  "temporarypassword", "welcome12345", "welcome123456", "welcome2024!", "welcome2025!", "welcometotheclub",
  "welcomehome123", "letmein12345", "letmein123456", "letmeinplease", "pleaseletmein", "letmeinnow123",
  "administrator", "administrator1", "administrator123", "admin1234567", "admin123456789", "adminadmin123",
  "adminpassword", "rootpassword", "root12345678", "guest1234567", "test12345678", "testtesttest",
  "testing12345", "testpassword", "useruser1234", "username1234", "login1234567", "loginpassword",
  // love and feelings
  "iloveyou1234", "iloveyou12345", "iloveyou123456", "iloveyouforever", "iloveyoubaby", "iloveyousomuch",
  "iloveyoutoo1", "iloveyou2much", "iloveyouiloveyou", "iloveu123456", "ilovemyfamily", "ilovemymom123",
  "ilovemykids1", "ilovemydog123", "ilovemycat123", "ilovejesus123", "ilovemusic123", "loveyouforever",
  "foreverandever", "foreveryoung1", "sweetheart12", "sweetheart123", "babygirl1234", "babygirl12345",
  "princess1234", "princess12345", "beautiful123", "beautiful1234", "sunshine1234", "sunshine12345",
  "butterfly123", "butterfly1234", "rainbow12345", "happiness123", "happybirthday", "happybirthday1",
  "happydays123", "lovelove1234", "lovemelovemenot", "imissyou1234", "whatever1234", "whatever12345",
  "trustno1trustno1", "trustnoone123", "nevergiveup1", "nevergiveup123", "justdoit1234", "blessed12345",
  "godisgood123", "godisgreat123", "jesuschrist1", "jesuslovesme", "jesusismylord", "christmas123",
  "merrychristmas", "christmas2024", "christmas2025",
  // sport, games, films
  "football1234", "football12345", "baseball1234", "basketball12", "basketball123", "soccer123456",
  "hockey123456", "liverpool123", "liverpoolfc1", "manchester12", "manchesterunited", "manchestercity",
  "manutd123456", "chelseafc123", "chelsea12345", "arsenal12345", "arsenalfc123", "barcelona123",
  "barcelona1234", "realmadrid12", "realmadrid123", "juventus1234", "bayernmunich", "bayernmunchen",
  "borussiadortmund", "acmilan12345", "intermilan12", "galatasaray1", "fenerbahce12", "superman1234",
  "superman12345", "batman123456", "spiderman123", "starwars1234", "starwars12345", "harrypotter1",
  "harrypotter12", "harrypotter123", "pokemon12345", "pokemon123456", "minecraft123", "minecraft1234",
  "fortnite1234", "playstation1", "playstation2", "playstation3", "playstation4", "playstation5",
  "callofduty123", "counterstrike", "leagueoflegends", "worldofwarcraft", "michaeljordan", "michaeljackson",
  "dragonball123", "naruto123456", "onepiece1234", "thematrix123", "jurassicpark", "lordoftherings",
  // phrases famous as examples, and the alphabet song of keyboards
  "correcthorsebatterystaple", "thequickbrownfox", "thequickbrownfoxjumpsoverthelazydog", "iamthebest123",
  "letitbeletitbe", "opensesame123", "hellohello12", "helloworld12", "helloworld123", "hellokitty123",
  "hellokitty1234", "goodmorning1", "goodmorning123", "monkey123456", "dragon123456", "shadow123456",
  "master123456", "computer1234", "computer12345", "internet1234", "samsung12345", "samsunggalaxy",
  "iphone123456", "google123456", "facebook1234", "facebook12345", "microsoft123", "linkedin1234",
  "instagram123", "youtube12345", "twitter12345", "myspace12345", "chocolate123", "chocolate1234",
  "cheesecake12", "pineapple123", "watermelon12", "strawberry12", "strawberry123", "blueberry123",
  "summertime12", "summer123456", "winter123456", "springtime12", "autumnleaves", "september123",
  "november1234", "december1234", "january12345", "february1234", "thunderbird1", "blackdragon1",
  // German, French, Spanish, Italian and Dutch favourites (the posts are in Europe and beyond)
  "passwort1234", "passwort12345", "passwort123456", "ichliebedich", "ichliebedich1", "hallo1234567",
  "hallohallo12", "schatz123456", "fussball1234", "fussball12345", "qwertz12345678", "geheim123456",
  "sommer123456", "motdepasse12", "motdepasse123", "jetaime12345", "jetaimetoujours", "bonjour12345",
  "soleil123456", "doudou123456", "azertyazerty", "contrasena12", "contrasena123", "teamo1234567",
  "teamomucho12", "tequiero1234", "barcelona2024", "realmadrid2024", "passwordit123", "tiamo1234567",
  "tiamotantissimo", "ciaociao1234", "wachtwoord12", "wachtwoord123", "hallodaar123", "salasana1234",
  "lösenord1234", "losenord1234", "haslo1234567", "heslo1234567", "parola123456",
  // the workplace (what people type when told to make a password for work)
  "rapporteur123", "rapporteur1234", "rapporteur2024", "rapporteur2025", "rapporteur2026", "embassy12345",
  "embassy2024!", "embassy2025!", "ministry1234", "ministry2025", "diplomat1234", "consulate123",
  "foreignoffice", "foreignoffice1", "foreignministry", "passport1234", "government123", "security1234",
  "office123456", "company12345", "workpassword", "mywork123456", "humanrights1", "humanrights123",
];

/**
 * Words that make up most weak passwords once digits, years and symbols are added. A password
 * that is only these (and such additions) is refused.
 */
export const COMMON_WORDS: readonly string[] = [
  "password", "passwort", "passwd", "motdepasse", "contrasena", "wachtwoord", "salasana", "haslo",
  "qwerty", "qwertz", "azerty", "letmein", "welcome", "iloveyou", "iloveu", "loveyou", "admin",
  "administrator", "root", "login", "guest", "user", "test", "testing", "default", "changeme",
  "secret", "access", "master", "monkey", "dragon", "shadow", "sunshine", "princess", "football",
  "fussball", "baseball", "basketball", "soccer", "hockey", "superman", "batman", "spiderman",
  "starwars", "pokemon", "minecraft", "fortnite", "whatever", "freedom", "trustno", "hello", "hallo",
  "bonjour", "ciao", "charlie", "michael", "jennifer", "jordan", "jessica", "michelle", "daniel",
  "ashley", "nicole", "thomas", "robert", "matthew", "andrew", "joshua", "hunter", "ranger", "buster",
  "tigger", "maggie", "ginger", "pepper", "summer", "sommer", "winter", "spring", "autumn", "computer",
  "internet", "lovely", "loveme", "flower", "chocolate", "cheese", "cookie", "banana", "orange",
  "purple", "silver", "golden", "diamond", "angel", "blessed", "jesus", "christ", "heaven", "mustang",
  "ferrari", "corvette", "harley", "yankees", "liverpool", "chelsea", "arsenal", "barcelona",
  "realmadrid", "juventus", "manchester", "bayern", "london", "berlin", "paris", "madrid", "rome",
  "europe", "america", "canada", "australia", "germany", "france", "rapporteur", "embassy", "ministry",
  "diplomat", "consulate", "government", "passport", "security", "office", "company", "samsung",
  "apple", "google", "microsoft", "facebook", "linkedin", "twitter", "instagram", "youtube", "friends",
  "family", "forever", "babygirl", "sweetheart", "superstar", "rockstar", "killer", "matrix", "thunder",
  "phoenix", "wizard", "merlin", "falcon", "eagle", "tiger", "mickey", "snoopy", "scooby", "peanut",
  "butterfly", "rainbow", "sunflower", "beautiful", "anthony", "william", "elizabeth", "victoria",
  "alexander", "christopher", "stephanie", "samantha", "benjamin", "ichliebedich", "jetaime", "teamo",
  "tiamo", "schatz", "geheim", "soleil", "christmas", "birthday", "happy", "love", "baby", "money",
  "welcome", "mypassword", "newpassword", "january", "february", "march", "april", "june", "july",
  "august", "september", "october", "november", "december", "monday", "friday", "sunday",
];

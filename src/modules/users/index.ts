// What other modules may use of the users module: reading an account, and the changes sign-in
// makes to one (a wrong password counted, a lockout, a new password); the accounts of some roles and
// posts (who a notification goes to). The SQL stays in repo.ts.
export { countFailedLogin, findUserByEmail, findUserById, listUserRows, updateUserRow, userSummaries } from "./repo.js";
export { presentUser } from "./presenter.js";

// What other modules may use of the users module: reading an account, and the changes sign-in
// makes to one (a wrong password counted, a lockout, a new password). The SQL stays in repo.ts.
export { countFailedLogin, findUserByEmail, findUserById, updateUserRow, userSummaries } from "./repo.js";
export { presentUser } from "./presenter.js";

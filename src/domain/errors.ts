// Errors the services raise on purpose. Each knows its HTTP status and stable error code; the
// HTTP layer turns them into {"error": {code, message, issues}} and the CLI into a message.

export interface IssueDetail {
  /**
   * Dotted location of the bad value. A service names it within its own input ("victims.minors",
   * "" for the input as a whole); the edge that called it places that in the request
   * ("body.victims.minors", "query.limit") or the file ("incidents.json:12: record 3: title").
   */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: IssueDetail[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The same error, of the same class, with each issue's path placed by `at` (see IssueDetail). */
  withIssuesAt(at: (path: string) => string): this {
    const moved = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.defineProperties(moved, Object.getOwnPropertyDescriptors(this));
    Object.defineProperty(moved, "issues", { value: this.issues.map((issue) => ({ ...issue, path: at(issue.path) })), enumerable: true });
    return moved;
  }
}

export class ValidationError extends AppError {
  constructor(issues: IssueDetail[], message = "The request is not valid.") {
    super(400, "validation_failed", message, issues);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, "not_found", `${what} was not found.`);
  }
}

export class VersionConflictError extends AppError {
  constructor(what: string, currentVersion: number) {
    super(409, "version_conflict", `${what} was changed by someone else (now at version ${currentVersion}); reload it and apply your change again.`, [], {
      current_version: currentVersion,
    });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in first.") {
    super(401, "unauthenticated", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You may not do this.") {
    super(403, "forbidden", message);
  }
}

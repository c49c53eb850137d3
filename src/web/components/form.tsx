// Form controls with their label, hint and error wired for assistive technology (label for=,
// aria-describedby, aria-invalid), and the error summary that lists a form's problems as links to
// the fields. Field ids come from the API's issue paths ("victims.minors" → "field-victims-minors"),
// so an error from the server lands beside the field it names.
import { useEffect, useId, useRef, type ChangeEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_]+/g, "-")}`;
}

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
  className?: string;
}

function FieldFrame({ id, label, hint, error, children, className }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value" | "id"> & {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onValue(value: string): void;
  className?: string;
};

export function TextField({ path, label, hint, error, value, onValue, className, ...input }: InputProps) {
  const id = fieldId(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(describedBy) => (
        <input
          id={id}
          name={path}
          value={value}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea({ path, label, hint, error, value, onValue, rows = 5, className }: Omit<InputProps, "type"> & { rows?: number }) {
  const id = fieldId(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(describedBy) => (
        <textarea
          id={id}
          name={path}
          rows={rows}
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange" | "value" | "id"> & {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  options: readonly Option[];
  onValue(value: string): void;
  /** A first option meaning "none" (value ""). */
  empty?: string;
  className?: string;
};

export function SelectField({ path, label, hint, error, value, options, onValue, empty, className, ...select }: SelectProps) {
  const id = fieldId(path);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {(describedBy) => (
        <select
          id={id}
          name={path}
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...select}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckboxGroupProps {
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly Option[];
  values: readonly string[];
  onValues(values: string[]): void;
  className?: string;
  columns?: number;
}

export function CheckboxGroup({ path, legend, hint, error, options, values, onValues, className, columns = 1 }: CheckboxGroupProps) {
  const id = fieldId(path);
  const toggle = (value: string, checked: boolean) => onValues(checked ? [...values, value] : values.filter((v) => v !== value));
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={id} className={`field checkbox-group${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className={`checkbox-options columns-${columns}`}>
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" checked={values.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface FormIssue {
  path: string;
  message: string;
  /** The field's label, to write "Title: must be at least 3 characters". */
  label?: string;
}

/** The list of a form's problems, focused when it appears, each a link to its field. */
export function ErrorSummary({ issues: all, title = "There is a problem" }: { issues: FormIssue[]; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // The API may give a field two messages ("must not be empty", "must not be blank"): one is enough.
  const issues = all.filter((issue, i) => all.findIndex((other) => other.path === issue.path) === i);
  useEffect(() => {
    if (all.length > 0) box.current?.focus();
  }, [all]);
  if (issues.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.path}-${i}`}>
            <a
              href={`#${fieldId(issue.path)}`}
              onClick={(e) => {
                e.preventDefault();
                const target = document.getElementById(fieldId(issue.path));
                const focusable = target?.matches("input, select, textarea, button")
                  ? target
                  : target?.querySelector<HTMLElement>("input, select, textarea, button");
                (focusable ?? target)?.focus();
                target?.scrollIntoView({ block: "center" });
              }}
            >
              {issue.label ? `${issue.label}: ` : ""}
              {issue.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

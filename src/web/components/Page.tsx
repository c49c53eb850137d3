// A page's frame: its title (in the tab and as the one <h1>), optional actions beside the title,
// and focus moved to the heading when the page opens, so a screen reader announces where you are
// after a navigation, as it would after a page load.
import { useEffect, useRef, type ReactNode } from "react";

interface PageProps {
  title: string;
  /** Shown before the title, smaller (e.g. the incident number). */
  kicker?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Wide pages (dashboard, lists) use the full width; forms a readable measure. */
  width?: "full" | "form";
}

export function Page({ title, kicker, actions, children, width = "full" }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Rapporteur`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={`page page-${width}`}>
      <div className="page-header">
        <div>
          {kicker ? <div className="page-kicker">{kicker}</div> : null}
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

/** A titled block within a page. */
export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

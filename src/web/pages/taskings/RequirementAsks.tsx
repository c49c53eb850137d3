// What one requirement of a tasking asks for besides its text: the categories it is about (named
// as the current taxonomy names them) and the official statistics it wants, in words.
import type { Tasking } from "../../api/types.js";
import { useReference } from "../../lib/reference.js";

export function RequirementAsks({ requirement }: { requirement: Tasking["requirements"][number] }) {
  const { categoryLabel } = useReference();
  if (requirement.categories.length === 0 && requirement.statistics.length === 0) return null;
  return (
    <dl className="details requirement-asks">
      {requirement.categories.length > 0 ? (
        <>
          <dt>Categories asked about</dt>
          <dd>{requirement.categories.map(categoryLabel).join("; ")}</dd>
        </>
      ) : null}
      {requirement.statistics.length > 0 ? (
        <>
          <dt>Statistics asked for</dt>
          <dd>{requirement.statistics.join("; ")}</dd>
        </>
      ) : null}
    </dl>
  );
}

// Choosing the records a response cites for one requirement: the records cited so far stay listed
// (unticking one drops it), and a search finds more among the post's records, a page at a time, so
// a post with hundreds of incidents or engagements can cite any of them. The search itself is the
// page's (incidents by number or words, engagements by words): this only shows and chooses.
import { useState } from "react";
import { CheckboxGroup, TextField } from "../../components/form.js";

export interface Choice {
  id: string;
  label: string;
}

/** One page of matches and how to ask for the next (null: no more). */
interface ChoicePage {
  items: Choice[];
  next: string | null;
}

interface LinkPickerProps {
  /** Unique on the page: the ids of the fields derive from it. */
  path: string;
  legend: string;
  /** The search field's label and hint, in the words of the records it finds. */
  searchLabel: string;
  searchHint: string;
  /** What the search found nothing of ("No incidents of the post match"). */
  nothingFound: string;
  chosen: readonly string[];
  /** A cited record's words (from the page's cache), or undefined while they are being read. */
  labelOf(id: string): string | undefined;
  search(words: string, after: string | null): Promise<ChoicePage>;
  /** The new choice, and the words of every record shown (for the page's cache). */
  onChosen(ids: string[], shown: readonly Choice[]): void;
}

export function LinkPicker({ path, legend, searchLabel, searchHint, nothingFound, chosen, labelOf, search, onChosen }: LinkPickerProps) {
  const [words, setWords] = useState("");
  const [found, setFound] = useState<ChoicePage | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  async function find(after: string | null) {
    setSearching(true);
    try {
      const page = await search(words.trim(), after);
      setFound((previous) => (after && previous ? { items: [...previous.items, ...page.items], next: page.next } : page));
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSearching(false);
    }
  }

  const matches = (found?.items ?? []).filter((c) => !chosen.includes(c.id));
  const options = [
    ...chosen.map((id) => ({ value: id, label: labelOf(id) ?? "A record being read…" })),
    ...matches.map((c) => ({ value: c.id, label: c.label })),
  ];
  return (
    <div className="link-picker">
      <div className="link-picker-search">
        <TextField
          path={`${path}-search`}
          label={searchLabel}
          hint={searchHint}
          error={error}
          value={words}
          onValue={setWords}
          type="search"
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void find(null);
            }
          }}
        />
        <button type="button" className="button button-small" onClick={() => void find(null)} disabled={searching}>
          Find
          <span className="visually-hidden"> for {legend.toLowerCase()}</span>
        </button>
      </div>
      {found && found.items.length === 0 && !searching ? <p role="status">{nothingFound}</p> : null}
      {options.length > 0 ? (
        <CheckboxGroup
          path={path}
          legend={legend}
          hint={chosen.length === 0 ? "None cited yet: tick the ones to cite." : `${chosen.length} cited; untick one to drop it.`}
          options={options}
          values={chosen}
          onValues={(ids) => onChosen(ids, found?.items ?? [])}
        />
      ) : null}
      {found?.next ? (
        <button type="button" className="button button-small" onClick={() => void find(found.next)} disabled={searching}>
          Show more matches
          <span className="visually-hidden"> for {legend.toLowerCase()}</span>
        </button>
      ) : null}
    </div>
  );
}

// The posts a tasking goes to: named one by one, or by group of host countries (the briefing's
// Europe, Canada, Australia and New Zealand; or every post, as the worldwide country-report tasking
// does). Groups are resolved to posts when the tasking is saved, so its targets are a fixed list.
import { isEfta, isEu } from "../../domain/regions.js";
import type { IssueDetail } from "../../domain/errors.js";

export const TARGET_GROUPS = ["eu", "efta", "uk", "canada", "australia_new_zealand", "all"] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

const IN_GROUP: Record<TargetGroup, (country: string) => boolean> = {
  eu: isEu,
  efta: isEfta,
  uk: (c) => c === "GB",
  canada: (c) => c === "CA",
  australia_new_zealand: (c) => c === "AU" || c === "NZ",
  all: () => true,
};

interface Embassy {
  code: string;
  country_code: string;
}

/** The posts named and those of the groups, each once, in code order; a named post that is not open is an issue. */
export function resolveTargets(targets: { posts: string[]; groups: TargetGroup[] }, embassies: readonly Embassy[]): { posts: string[]; issues: IssueDetail[] } {
  const open = new Set(embassies.map((e) => e.code));
  const issues: IssueDetail[] = targets.posts.flatMap((post, i) =>
    open.has(post) ? [] : [{ path: `targets.posts.${i}`, message: `no post ${post} is open` }],
  );
  const chosen = new Set(targets.posts.filter((p) => open.has(p)));
  for (const group of targets.groups) for (const e of embassies) if (IN_GROUP[group](e.country_code)) chosen.add(e.code);
  if (issues.length === 0 && chosen.size === 0) issues.push({ path: "targets.groups", message: "no post is open in these groups" });
  return { posts: [...chosen].sort(), issues };
}

// What other modules may use of the reports module besides its service: the document a renderer
// takes, the four renderings, and the numbering of sources, so a tasking response's cable is
// written by the same code as a report's (and credits the publishers of the statistics it cites).
export { render, RENDERINGS } from "./service.js";
export { Notebook } from "./content/notes.js";
export type { Inline, ReportDocument } from "./document.js";
export { engagementBlocks } from "./content/sections/engagements.js";
export { publisherCredits } from "./content/index.js";

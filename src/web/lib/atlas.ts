// The web app's one atlas loader, for the dashboard's map and the report view's: the world-atlas
// boundaries are bundled as a JSON asset (never fetched from elsewhere), fetched once per page
// load, and read by the same `atlasShapes` the PDF and DOCX renderers use (src/lib/atlas.ts). A
// failed fetch is forgotten, so the next map that mounts tries again.
import atlasUrl from "world-atlas/countries-50m.json?url";
import { atlasShapes, mapProjection, type CountryShape, type MapExtent, type WorldAtlas } from "../../lib/atlas.js";

export { atlasKey, type CountryShape, type MapExtent } from "../../lib/atlas.js";

let atlas: Promise<CountryShape[]> | null = null;

export function loadAtlas(): Promise<CountryShape[]> {
  atlas ??= fetch(atlasUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`the map's boundaries answered ${response.status}`);
      return response.json() as Promise<WorldAtlas>;
    })
    .then(atlasShapes);
  atlas.catch(() => {
    atlas = null;
  });
  return atlas;
}

/**
 * The projection of an on-screen map of `width` × `height`: Europe fills the whole box (it is
 * clipped to it); the world keeps a small margin so the sphere's outline is not cut.
 */
export function screenProjection(extent: MapExtent, width: number, height: number) {
  const inset = extent === "world" ? 4 : 0;
  return mapProjection(extent, [
    [inset, inset],
    [width - inset, height - inset],
  ]);
}

// Kysely queries on the files module's one table: stored files, their bytes and what is known of them.
import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, FileTable } from "../../db/types.js";

type Db = Kysely<Database>;
export type FileSummaryRow = Omit<Selectable<FileTable>, "content">;

const SUMMARY = ["id", "sha256", "size_bytes", "media_type", "filename", "created_at"] as const;

export async function insertFile(db: Db, row: Insertable<FileTable>): Promise<void> {
  await db.insertInto("files").values(row).execute();
}

export async function fileSummaryRows(db: Db, ids: readonly string[]): Promise<FileSummaryRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("files")
    .select(SUMMARY)
    .where("id", "in", [...ids])
    .execute();
}

export async function findFileRow(db: Db, id: string): Promise<Selectable<FileTable> | undefined> {
  return db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function deleteFileRow(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom("files").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// What the API says of a stored file: never its bytes (those are a download of their own).
import { z } from "zod";

export const storedFile = z
  .object({
    id: z.string(),
    filename: z.string().meta({ description: "The name it is served under: the client's, sanitised, with an extension of its kind." }),
    media_type: z.string().meta({ description: "Told from the content, not from what the client declared." }),
    kind: z.string().meta({ description: 'The kind in words ("PDF document").' }),
    size_bytes: z.number().int(),
    sha256: z.string().meta({ description: "The SHA-256 of the bytes, in hex." }),
    created_at: z.string(),
  })
  .meta({
    example: {
      id: "0193a1a2-0000-7000-8000-000000000001",
      filename: "meeting-notes.txt",
      media_type: "text/plain",
      kind: "plain text",
      size_bytes: 64,
      sha256: "9f2c1e8a4b7d3f60c5e2a1b8d4f7c3e6a9b2d5f8c1e4a7b0d3f6c9e2a5b8d1f4",
      created_at: "2026-03-12T10:00:00.000Z",
    },
  });
export type StoredFile = z.output<typeof storedFile>;
export const storedFileList = z.object({ items: z.array(storedFile) });

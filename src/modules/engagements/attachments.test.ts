// An engagement's attachments through the API, on both databases: every kind kept is told from its
// content and downloads byte for byte; other kinds are refused in words; names are sanitised; the
// files are seen by whoever sees the engagement (404 to anyone else), changed only while its post
// may edit it, and every change is audited (a removal keeps what the file was, not its bytes).
import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { deskOf, engagementFields, type Desk } from "../../testing/factories.js";
import { REFUSED_FILES, SAMPLE_FILES } from "../../testing/files.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestUser } from "../../testing/harness.js";
import type { StoredFile } from "../files/index.js";
import type { EngagementOutput } from "./schema.js";

forEachDatabase("engagement attachments", (env) => {
  let de: Desk;
  let fr: Desk;
  let auditor: TestUser;

  beforeAll(async () => {
    de = await deskOf(env(), "DE");
    fr = await deskOf(env(), "FR", de);
    auditor = await env().user("auditor");
  });

  const draft = async (user: TestUser = de.reporter): Promise<EngagementOutput> => {
    const response = await env().request(user, { method: "POST", url: "/api/v1/engagements", json: engagementFields() });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<EngagementOutput>();
  };
  const attach = (user: TestUser, id: string, bytes: Buffer, filename?: string, contentType = "application/octet-stream") =>
    env().request(user, {
      method: "POST",
      url: `/api/v1/engagements/${id}/attachments${filename === undefined ? "" : `?filename=${encodeURIComponent(filename)}`}`,
      payload: bytes,
      headers: { "content-type": contentType },
    });
  const fileCount = async () =>
    Number(
      (
        await env()
          .context.db.selectFrom("files")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("when DE's reporter attaches a file of each kind kept, then each is listed with the kind told from its content and downloads as it was sent", async () => {
    const engagement = await draft();
    const kept: StoredFile[] = [];
    for (const [name, make] of Object.entries(SAMPLE_FILES)) {
      const bytes = await make();
      const response = await attach(de.reporter, engagement.id, bytes, `evidence-${name}`);
      expect(response.statusCode, response.body).toBe(201);
      const file = response.json<StoredFile>();
      expect(file.size_bytes).toBe(bytes.length);
      expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      kept.push(file);

      const download = await env().request(auditor, { method: "GET", url: `/api/v1/engagements/${engagement.id}/attachments/${file.id}` });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(bytes), `${name} comes back byte for byte`).toBe(true);
      expect(download.headers["content-type"]).toBe(file.media_type === "text/plain" ? "text/plain; charset=utf-8" : file.media_type);
      expect(download.headers["content-disposition"]).toBe(`attachment; filename="${file.filename}"`);
      expect(download.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(kept.map((f) => [f.filename, f.kind])).toEqual([
      ["evidence-pdf.pdf", "PDF document"],
      ["evidence-png.png", "PNG image"],
      ["evidence-jpeg.jpg", "JPEG image"],
      ["evidence-text.txt", "plain text"],
      ["evidence-docx.docx", "Word document"],
      ["evidence-xlsx.xlsx", "Excel spreadsheet"],
      ["evidence-odt.odt", "OpenDocument text"],
    ]);
    const listed = await env().request(de.approver, { method: "GET", url: `/api/v1/engagements/${engagement.id}/attachments` });
    expect(listed.json<{ items: StoredFile[] }>().items.map((f) => f.id)).toEqual(kept.map((f) => f.id));
    const audited = await env()
      .context.db.selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", engagement.id)
      .where("action", "=", "engagement.attachment_add")
      .execute();
    expect(audited).toHaveLength(7);
  });

  it("when a file's declared type is not what it holds, then the content decides; and a name with folders, reserved or other characters is sanitised", async () => {
    const engagement = await draft();
    const pdf = await attach(de.reporter, engagement.id, await SAMPLE_FILES.pdf(), "../../Bericht über Gespräch.exe", "image/png");
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json<StoredFile>()).toMatchObject({ media_type: "application/pdf", filename: "Bericht über Gespräch.exe.pdf" });
    const download = await env().request(de.reporter, { method: "GET", url: `/api/v1/engagements/${engagement.id}/attachments/${pdf.json<StoredFile>().id}` });
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="Bericht _ber Gespr_ch.exe.pdf"; filename*=UTF-8''Bericht%20%C3%BCber%20Gespr%C3%A4ch.exe.pdf`,
    );
    const unnamed = await attach(de.reporter, engagement.id, await SAMPLE_FILES.text());
    expect(unnamed.json<StoredFile>().filename).toBe("attachment.txt");
  });

  it("when a file is of a kind not kept, or empty, then it is refused with a 400 in words and nothing is kept", async () => {
    const engagement = await draft();
    const before = await fileCount();
    for (const [what, make] of [...Object.entries(REFUSED_FILES), ["an empty file", async () => Buffer.alloc(0)] as const]) {
      const response = await attach(de.reporter, engagement.id, await make(), "evidence.pdf", "application/pdf");
      expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
      const issue = response.json<{ error: { issues: { path: string; message: string }[] } }>().error.issues[0]!;
      expect(issue.path, what).toBe("body");
      expect(issue.message, what).toMatch(what === "an empty file" ? /empty/ : /not kept: send a PDF document, PNG image, JPEG image, plain text/);
    }
    expect(await fileCount()).toBe(before);
    const over = await attach(de.reporter, engagement.id, Buffer.alloc(TEST_APP_CONFIG.ATTACHMENT_LIMIT_BYTES + 1, 0x41));
    expect(over.statusCode).toBe(413);
    expect(over.json<{ error: { message: string } }>().error.message).toContain("ATTACHMENT_LIMIT_BYTES");
    expect(await fileCount()).toBe(before);
  });

  it("when others ask for a draft's files, then only who may see the engagement sees them (404 for anyone else), and only its post changes them while it may edit it", async () => {
    const engagement = await draft();
    const file = (await attach(de.reporter, engagement.id, await SAMPLE_FILES.text(), "notes.txt")).json<StoredFile>();
    const list = `/api/v1/engagements/${engagement.id}/attachments`;
    const one = `${list}/${file.id}`;
    for (const outsider of [fr.reporter, fr.approver, de.analyst]) {
      expect((await env().request(outsider, { method: "GET", url: list })).statusCode).toBe(404);
      expect((await env().request(outsider, { method: "GET", url: one })).statusCode).toBe(404);
      expect((await attach(outsider, engagement.id, await SAMPLE_FILES.text())).statusCode).toBe(404);
      expect((await env().request(outsider, { method: "POST", url: `${one}/remove` })).statusCode).toBe(404);
    }
    // A file of another engagement is not found through this one.
    const other = await draft();
    expect((await env().request(de.reporter, { method: "GET", url: `/api/v1/engagements/${other.id}/attachments/${file.id}` })).statusCode).toBe(404);
    // The auditor reads but never changes.
    expect((await env().request(auditor, { method: "GET", url: one })).statusCode).toBe(200);
    expect((await env().request(auditor, { method: "POST", url: `${one}/remove` })).statusCode).toBe(403);

    // Submitted: the bureau sees the files; nobody may change them now.
    const submitted = await env().request(de.reporter, {
      method: "POST",
      url: `/api/v1/engagements/${engagement.id}/transitions`,
      json: { action: "submit", version: engagement.version },
    });
    expect(submitted.statusCode).toBe(200);
    expect((await env().request(de.analyst, { method: "GET", url: one })).statusCode).toBe(200);
    expect((await attach(de.reporter, engagement.id, await SAMPLE_FILES.text())).statusCode).toBe(409);
    expect((await env().request(de.reporter, { method: "POST", url: `${one}/remove` })).statusCode).toBe(409);
    expect((await env().request(de.analyst, { method: "POST", url: `${one}/remove` })).statusCode).toBe(403);
    expect((await env().request(de.reporter, { method: "GET", url: list })).json<{ items: StoredFile[] }>().items).toHaveLength(1);
  });

  it("when DE's approver removes an attachment, then its bytes go, the list no longer has it, and the audit log keeps what it was", async () => {
    const engagement = await draft();
    const bytes = await SAMPLE_FILES.docx();
    const file = (await attach(de.reporter, engagement.id, bytes, "minutes.docx")).json<StoredFile>();
    const kept = (await attach(de.reporter, engagement.id, await SAMPLE_FILES.png(), "photo.png")).json<StoredFile>();
    const removed = await env().request(de.approver, { method: "POST", url: `/api/v1/engagements/${engagement.id}/attachments/${file.id}/remove` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<{ items: StoredFile[] }>().items.map((f) => f.id)).toEqual([kept.id]);
    expect(await env().context.db.selectFrom("files").select("id").where("id", "=", file.id).executeTakeFirst()).toBeUndefined();
    expect((await env().request(de.reporter, { method: "GET", url: `/api/v1/engagements/${engagement.id}/attachments/${file.id}` })).statusCode).toBe(404);
    expect((await env().request(de.approver, { method: "POST", url: `/api/v1/engagements/${engagement.id}/attachments/${file.id}/remove` })).statusCode).toBe(
      404,
    );
    const event = await env()
      .context.db.selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", engagement.id)
      .where("action", "=", "engagement.attachment_remove")
      .executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(de.approver.actor.id);
    expect(JSON.parse(event.before_json!)).toMatchObject({
      id: file.id,
      filename: "minutes.docx",
      kind: "Word document",
      size_bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  });

  it("when the post's staff ask who may own a follow-up, then they get the active users of the engagement's post by name; others do not", async () => {
    const engagement = await draft();
    const url = `/api/v1/engagements/${engagement.id}/follow-up-owners`;
    const owners = await env().request(de.reporter, { method: "GET", url });
    expect(owners.statusCode).toBe(200);
    const names = owners.json<{ items: { id: string; name: string }[] }>().items;
    expect(names).toEqual(expect.arrayContaining([{ id: de.approver.actor.id, name: de.approver.actor.name }]));
    expect(names.map((n) => n.id)).not.toContain(fr.reporter.actor.id);
    expect((await env().request(fr.reporter, { method: "GET", url })).statusCode).toBe(404);
    expect((await env().request(auditor, { method: "GET", url })).statusCode).toBe(403);
  });
});

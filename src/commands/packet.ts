import { UsageError } from "../errors.js";
import { withSession } from "./shared/session.js";
import { asOf, defineCommand, flag, text } from "./shared/spec.js";

export const packet = defineCommand({
  options: {
    out: text(
      "--out <path>",
      "the folder to write (with --zip: the zip file); default kakotrack-case-<id>-<order> here",
    ),
    zip: flag("--zip", "one .zip file instead of a folder"),
    force: flag("--force", "replace an earlier packet (or zip file) at that place"),
    asOf: asOf(),
  },
  examples: [
    "kakotrack packet 3                         # ./kakotrack-case-3-KB-1001/",
    "kakotrack packet 3 --zip --out ~/Desktop/hoodie-claim.zip",
    "kakotrack packet 3 --out claim --force     # write it again",
  ],
  notes:
    "In it: dossier.html (case, timeline, deadlines met and missed, history, notes, evidence, drafted messages; " +
    "the photos\n" +
    "embedded, nothing loaded from outside), dossier.md, evidence/ (the files under their original names), SHA256SUMS.",
  async run(ctx, { globals, args: [idText], options }) {
    if (options.out === "") throw new UsageError("--out needs a folder (or with --zip a file) name");
    // The packet's code (renderers, zip writer, zlib) loads only for this command.
    const { writeClaimPacket } = await import("./shared/claim-packet.js");
    await withSession(ctx, globals, "read", (session) => {
      const { report, warnings } = writeClaimPacket(session, idText!, options);
      ctx.stdout(report);
      for (const warning of warnings) ctx.stderr(warning);
    });
  },
});

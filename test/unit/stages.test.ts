import { describe, expect, it } from "vitest";
import type { Stage } from "../../src/domain/case/model.js";
import { allowedTargets, checkTransition, nextStage } from "../../src/domain/case/stages.js";

const steps = (...stages: Stage[]) => stages.map((stage) => ({ stage, on: "2026-11-02" }));

describe("stage paths", () => {
  it("advances to the next stage on each path", () => {
    expect(nextStage("exchange", "requested", steps("requested"))).toBe("agent-reviewed");
    expect(nextStage("refund", "seller-agreed", steps("requested", "seller-agreed"))).toBe("returned");
    expect(nextStage("partial-refund", "seller-offered", steps("requested", "seller-offered"))).toBe("agreed");
    expect(nextStage("refund", "refused", steps("requested", "refused"))).toBe("escalated");
    // After an escalation the path resumes where it was.
    expect(nextStage("exchange", "escalated", steps("requested", "agent-reviewed", "escalated"))).toBe(
      "seller-confirmed",
    );
  });

  it("allows forward skips and the optional refund return", () => {
    expect(() => checkTransition("exchange", "requested", steps("requested"), "new-qc", false)).not.toThrow();
    expect(() =>
      checkTransition("refund", "seller-agreed", steps("requested", "seller-agreed"), "refunded", false),
    ).not.toThrow();
  });

  it("refuses going backwards without force, and stages of another path", () => {
    const s = steps("requested", "seller-confirmed");
    expect(() => checkTransition("exchange", "seller-confirmed", s, "agent-reviewed", false)).toThrow(
      /backwards.*undo.*--force/,
    );
    expect(() => checkTransition("exchange", "seller-confirmed", s, "agent-reviewed", true)).not.toThrow();
    expect(() => checkTransition("exchange", "requested", steps("requested"), "seller-agreed", false)).toThrow(
      /not on the exchange path/,
    );
    expect(() => checkTransition("exchange", "requested", steps("requested"), "seller-agreed", true)).toThrow(
      /not on the exchange path/,
    );
  });

  it("allows refused only until the seller has answered", () => {
    expect(() =>
      checkTransition("refund", "agent-reviewed", steps("requested", "agent-reviewed"), "refused", false),
    ).not.toThrow();
    expect(() =>
      checkTransition("refund", "seller-agreed", steps("requested", "seller-agreed"), "refused", false),
    ).toThrow(/only allowed until the seller has answered/);
    expect(allowedTargets("refund", "refused", steps("requested", "refused"))).not.toContain("refused");
  });

  it("allows escalation from any open stage but not twice in a row", () => {
    expect(allowedTargets("exchange", "new-qc", steps("requested", "new-qc"))).toContain("escalated");
    expect(() => checkTransition("exchange", "escalated", steps("requested", "escalated"), "escalated", false)).toThrow(
      /already/,
    );
  });
});

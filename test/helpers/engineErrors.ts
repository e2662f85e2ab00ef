/** Asserting engine errors (OverlayError) in engine-level tests. */
import { OverlayError } from "../../src/engine/core/errors";

/** The OverlayError that f throws; fails the test when f does not throw one. */
export function errorOf(f: () => unknown): OverlayError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OverlayError);
    return e as OverlayError;
  }
  throw new Error("expected an error");
}

/** f throws an OverlayError of this kind whose message matches. */
export function expectEngineError(f: () => unknown, kind: "value" | "num", message: RegExp): void {
  const e = errorOf(f);
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(message);
}

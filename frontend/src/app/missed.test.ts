import { CombinedError } from "urql";
import { describe, expect, it } from "vitest";
import { missedEvents } from "./missed";

const withCode = (code: string) =>
  new CombinedError({
    graphQLErrors: [
      {
        message: "the subscriber fell 1024 events behind and was ended",
        extensions: { code },
      },
    ],
  });

describe("missedEvents", () => {
  it("is true for the codes that end a subscription which missed events", () => {
    expect(missedEvents(withCode("SUBSCRIBER_TOO_SLOW"))).toBe(true);
    expect(missedEvents(withCode("EVENTS_LOST"))).toBe(true);
  });
  it("is false for any other error, and for none", () => {
    expect(missedEvents(withCode("UNAUTHENTICATED"))).toBe(false);
    expect(missedEvents(withCode("FORBIDDEN"))).toBe(false);
    expect(
      missedEvents(
        new CombinedError({ networkError: new Error("socket closed") }),
      ),
    ).toBe(false);
    expect(missedEvents(undefined)).toBe(false);
  });
});

/** @jest-environment jsdom */
/**
 * The views show what they promise, rendered from the model: Greeks in desk units with their units (options),
 * expiries on option and futures trades, notionals on LDI futures rows; a failed check blocks the ticket.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { ProposalView } from "../../../src/taskpane/components/ProposalView";
import { Proposal } from "../../../src/workbook/proposal/model";

class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= NoResize;

const OPTIONS: Proposal = {
  workflow: "options",
  label: "Options",
  headline: "2 trades; all checks passed",
  inputs: [],
  options: [],
  trades: [
    {
      assetClass: "US equity",
      instrument: "Put 5,400",
      side: "Buy",
      quantity: 1700,
      unit: "contracts",
      notional: 999600000,
      expiry: "2026-12-18",
    },
    {
      assetClass: "US equity",
      instrument: "Call 6,300",
      side: "Sell",
      quantity: 1700,
      unit: "contracts",
      notional: -999600000,
      expiry: "2026-12-18",
    },
  ],
  checks: [{ name: "Zero cost", status: "pass", detail: "Premium 0" }],
  figures: [
    {
      title: "Greeks (desk units)",
      rows: [
        { label: "Delta", value: -412000000, format: "money", unit: "exposure per 1% move" },
        { label: "Vega", value: 1234567, format: "money", unit: "per vol point" },
        { label: "Theta", value: -23456, format: "money", unit: "per day" },
      ],
    },
  ],
  results: [],
  notes: [],
};

function show(p: Proposal, onExport = jest.fn()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <ProposalView proposal={p} busy={false} onWrite={() => undefined} onExport={onExport} />
    </FluentProvider>,
  );
  return onExport;
}

describe("proposal view", () => {
  test("Options: the Greeks in desk units, each with its unit, and each option's expiry", () => {
    show(OPTIONS);
    const greeks = screen.getByRole("region", { name: "Greeks (desk units)" });
    const terms = [...greeks.querySelectorAll("dt")].map((d) => d.textContent);
    const values = [...greeks.querySelectorAll("dd")].map((d) => d.textContent);
    expect(terms).toEqual(["Delta", "Vega", "Theta"]);
    expect(values).toEqual(["-412Mexposure per 1% move", "1.23Mper vol point", "-23,456per day"]);
    expect(screen.getAllByTestId("trade-expiry").map((e) => e.textContent)).toEqual(["Expires 2026-12-18", "Expires 2026-12-18"]);
  });

  test("LDI: futures rows carry their notional when the model has it; swaps their notional as units", () => {
    show({
      ...OPTIONS,
      workflow: "hedge",
      label: "LDI hedge",
      figures: undefined,
      trades: [
        {
          assetClass: "",
          instrument: "US 10Y T-Note future",
          side: "Buy",
          quantity: 2569,
          unit: "contracts",
          notional: 282590000,
          expiry: "2027-03-19",
        },
        { assetClass: "", instrument: "30Y receiver swap", side: "Buy", quantity: 292840000, unit: "units", notional: 292840000 },
      ],
    });
    const rows = screen.getAllByTestId("trade-row");
    expect(rows.map((r) => within(r).getByTestId("trade-notional").textContent)).toEqual(["282.59M", "292.84M"]);
    expect(within(rows[0]).getByTestId("trade-expiry").textContent).toBe("Expires 2027-03-19");
    expect(within(rows[1]).queryByTestId("trade-expiry")).toBeNull();
  });

  test("a failed check: the block in words, export only with a reason, and the override handed on", () => {
    const onExport = show({ ...OPTIONS, checks: [{ name: "Zero cost", status: "fail", detail: "Premium 12,000" }] });
    expect(screen.getByTestId("blocked").textContent).toBe(
      "Ticket blocked: 1 check failed: Zero cost (Premium 12,000). Override with a reason to write it anyway.",
    );
    const button = screen.getByRole("button", { name: "Export CSV with override" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByRole("textbox", { name: /Override reason/ }), { target: { value: "Premium accepted by the client" } });
    fireEvent.click(button);
    expect(onExport).toHaveBeenCalledWith({ reason: "Premium accepted by the client", by: undefined });
  });
});

/**
 * The exposure report: physical, synthetic and effective exposure per class, weights over NAV, and each
 * class's effective weight against its target and range.
 */
import { sumSnapped } from "../core/sum";
import { Plan, RangeStatus, effective, rangeStatus } from "./portfolio";

export interface ExposureLine {
  assetClass: string;
  physical: number;
  synthetic: number;
  effective: number;
  physicalWeight: number;
  effectiveWeight: number;
  target: number;
  min: number;
  max: number;
  /** effective weight - target */
  deviation: number;
  status: RangeStatus;
}

export interface ExposureReport {
  lines: ExposureLine[];
  total: Omit<ExposureLine, "assetClass" | "min" | "max" | "status">;
}

export function exposureReport(plan: Plan): ExposureReport {
  const lines = plan.classes.map((c): ExposureLine => {
    const eff = effective(c);
    const w = eff / plan.nav;
    return {
      assetClass: c.name,
      physical: c.marketValue,
      synthetic: c.overlay,
      effective: eff,
      physicalWeight: c.marketValue / plan.nav,
      effectiveWeight: w,
      target: c.target,
      min: c.min,
      max: c.max,
      deviation: w - c.target,
      status: rangeStatus(w, c),
    };
  });
  const sum = (f: (l: ExposureLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    lines,
    total: {
      physical: sum((l) => l.physical),
      synthetic: sum((l) => l.synthetic),
      effective: sum((l) => l.effective),
      physicalWeight: sum((l) => l.physicalWeight),
      effectiveWeight: sum((l) => l.effectiveWeight),
      target: sum((l) => l.target),
      deviation: sumSnapped(lines.map((l) => l.deviation)),
    },
  };
}

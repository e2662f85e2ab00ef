/** What the host the pane runs in can do (set once where the pane is mounted: Excel, the playground, tests). */
import { createContext, useContext } from "react";

export interface HostCapabilities {
  /** A blob download can start (false in Excel on Mac, office-js #2700). */
  downloads: boolean;
}

export const HostContext = createContext<HostCapabilities>({ downloads: true });

export function useHost(): HostCapabilities {
  return useContext(HostContext);
}

/** The task pane shell. Shows that the add-in is loaded; the workflows arrive with the task-pane issue. */
import { FluentProvider, Text, Title3, webLightTheme } from "@fluentui/react-components";

declare const __OVERLAY_VERSION__: string | undefined;
const VERSION = typeof __OVERLAY_VERSION__ === "string" ? __OVERLAY_VERSION__ : "dev";

export function App({ host }: { host: "excel" | "browser" }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12, maxWidth: 320 }}>
        <Title3 as="h1">Overlay</Title3>
        <Text as="p" block>
          Overlay {VERSION} is loaded{host === "excel" ? " in Excel" : ""}. The OVERLAY functions are available in formulas, for example
          =OVERLAY.REBALANCE(Portfolio[#All], Futures[#All], &quot;edge&quot;).
        </Text>
      </main>
    </FluentProvider>
  );
}

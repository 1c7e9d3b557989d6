import { useEffect, useState } from 'react';
import type { TabInfo } from '../../lib/messages';
import type { PanelClient } from '../../lib/panel/client';
import type { TabSource } from '../../lib/panel/webmail-tab';

/** The webmail tab the panel works for: its id, which webmail it shows (null: none of ours), and whether it changed. */
export type WebmailTab = { tabId: number | null; info: TabInfo | null; switched: boolean };

export function useWebmailTab(client: PanelClient, tabs: TabSource): WebmailTab {
  const [state, setState] = useState<WebmailTab>({ tabId: null, info: null, switched: false });
  useEffect(() => {
    let live = true;
    let first: number | null | undefined;
    const refresh = async () => {
      const tabId = await tabs.current();
      const info = tabId === null ? null : await client.describeTab(tabId);
      if (!live) return;
      if (first === undefined) first = tabId;
      setState({ tabId, info, switched: tabId !== first });
    };
    void refresh();
    const unsubscribe = tabs.subscribe(() => void refresh());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, tabs]);
  return state;
}

// Component tests run in jsdom; antd reads matchMedia, which jsdom lacks.
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// The app loads the active language's catalog before its first render; component tests have both.
import { installCatalog } from '../../renderer/src/i18n';
import { enUS } from '../../renderer/src/i18n/en-US';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
installCatalog('zh-CN', zhCN);
installCatalog('en-US', enUS);

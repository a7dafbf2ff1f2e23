import { useCallback, useState } from 'react';
import { Button, Tooltip } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { t } from '../locale/zh-CN.ts';

const KEY = 'bianmin.sider.collapsed';

/** Reads the remembered choice; a browser that keeps nothing starts with the menu open. */
function remembered(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Whether the side menu is collapsed to its icons, remembered in this browser: a clerk on a 1366 px
 * screen folds it once and gets the room for the lists from then on.
 */
export function useSiderCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(remembered);
  const set = useCallback((next: boolean) => {
    setCollapsed(next);
    try {
      window.localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Private mode: the choice lasts until the page is reloaded.
    }
  }, []);
  return [collapsed, set];
}

/** The button at the top of the side menu that folds it to icons and opens it again. */
export function SiderToggle({
  collapsed,
  onChange,
}: {
  collapsed: boolean;
  onChange: (collapsed: boolean) => void;
}) {
  const label = collapsed ? t.sider.expand : t.sider.collapse;
  return (
    <div className={`sider-toggle${collapsed ? ' sider-toggle-collapsed' : ''}`}>
      <Tooltip title={collapsed ? label : undefined} placement="right">
        <Button
          type="text"
          aria-label={label}
          aria-expanded={!collapsed}
          aria-controls="app-main-nav"
          icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
          onClick={() => onChange(!collapsed)}
        >
          {collapsed ? null : label}
        </Button>
      </Tooltip>
    </div>
  );
}

import type { ThemeConfig } from 'antd';

/** Union red for the brand; the working colour stays antd's blue so "danger" still stands out. */
export const brandRed = '#c8161d';

export const adminTheme: ThemeConfig = {
  token: {
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: brandRed, headerHeight: 56, headerPadding: '0 24px', siderBg: '#fff' },
  },
};

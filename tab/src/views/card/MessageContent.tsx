import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, type MouseEvent } from 'react';
import { useApp } from '../../session/AppContext';
import { sanitizeMessageHtml } from './sanitize';

const useStyles = makeStyles({
  root: {
    color: tokens.colorNeutralForeground1,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: 'anywhere',
    '& p': { margin: `0 0 ${tokens.spacingVerticalS}` },
    '& h1, & h2, & h3, & h4, & h5, & h6': { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalS} 0` },
    '& a': { color: tokens.colorBrandForegroundLink, textDecorationLine: 'underline' },
    '& blockquote': {
      margin: `${tokens.spacingVerticalS} 0`,
      padding: `0 ${tokens.spacingHorizontalM}`,
      borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
      color: tokens.colorNeutralForeground2,
    },
    '& code': { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
    '& pre': {
      fontFamily: tokens.fontFamilyMonospace,
      fontSize: tokens.fontSizeBase200,
      backgroundColor: tokens.colorNeutralBackground3,
      padding: tokens.spacingHorizontalM,
      borderRadius: tokens.borderRadiusMedium,
      overflowX: 'auto',
      whiteSpace: 'pre',
      overflowWrap: 'normal',
    },
    // Wide tables scroll inside the message rather than widening the page.
    '& table': { display: 'block', overflowX: 'auto', borderCollapse: 'collapse', maxWidth: '100%' },
    '& th, & td': { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS },
    '& ul, & ol': { margin: `0 0 ${tokens.spacingVerticalS}`, paddingInlineStart: tokens.spacingHorizontalXL },
  },
});

/**
 * A harvested message's HTML, sanitized again in the browser. Inside Teams, links go
 * through Teams so deep links to messages and files open in Teams itself.
 */
export function MessageContent({ html }: { html: string }) {
  const styles = useStyles();
  const { host } = useApp();
  const safe = useMemo(() => sanitizeMessageHtml(html), [html]);
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!host.inTeams) return;
    const link = (event.target as Element).closest?.('a[href]');
    const href = link?.getAttribute('href');
    if (!href) return;
    event.preventDefault();
    host.openLink(href);
  };
  // Sanitized right above; this is the one place the tab renders markup it did not write.
  // eslint-disable-next-line react/no-danger
  return <div className={styles.root} onClick={onClick} dangerouslySetInnerHTML={{ __html: safe }} />;
}

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
    // The stronger brand foreground: the link colour proper is barely 4.5:1 on dark backgrounds.
    '& a': { color: tokens.colorBrandForeground2, textDecorationLine: 'underline' },
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
      // Wrapped rather than scrolled: a scrolling box would be one more thing to reach by keyboard.
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
    },
    // Fixed layout lets cells wrap, so a wide table never widens the page on a phone.
    '& table': { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' },
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
  // The click handler only catches clicks on the links inside, which are focusable and
  // answer Enter themselves, so the container needs no keyboard handling or role of its own.
  // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
  return <div className={styles.root} onClick={onClick} dangerouslySetInnerHTML={{ __html: safe }} />;
}

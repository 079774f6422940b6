import { shorthands, tokens, type GriffelStyle } from '@fluentui/react-components';

/** A native button that looks like the text around it, for titles that open something. */
export const textButton: GriffelStyle = {
  backgroundColor: 'transparent',
  ...shorthands.borderStyle('none'),
  padding: 0,
  margin: 0,
  fontFamily: 'inherit',
  fontSize: 'inherit',
  fontWeight: 'inherit',
  lineHeight: 'inherit',
  textAlign: 'start',
  cursor: 'pointer',
};

/** The tab's page column: the same width and padding whether loading or loaded, so nothing jumps. */
export const pageColumn: GriffelStyle = {
  maxWidth: '1120px',
  margin: '0 auto',
  padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
  display: 'flex',
  flexDirection: 'column',
  gap: tokens.spacingVerticalL,
  boxSizing: 'border-box',
  '@media (min-width: 720px)': { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}` },
};

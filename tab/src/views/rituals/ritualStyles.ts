import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** A bordered block on the page background: ritual entries, occurrences, items. */
export const panel: GriffelStyle = {
  backgroundColor: tokens.colorNeutralBackground1,
  borderRadius: tokens.borderRadiusLarge,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
};

/** A list without bullets, its entries stacked. */
export const plainList: GriffelStyle = {
  listStyleType: 'none',
  margin: 0,
  padding: 0,
  display: 'flex',
  flexDirection: 'column',
  gap: tokens.spacingVerticalS,
};

/** Secondary text. */
export const muted: GriffelStyle = { margin: 0, color: tokens.colorNeutralForeground2 };

/** A section heading without the browser's margins. */
export const sectionTitle: GriffelStyle = { margin: 0 };

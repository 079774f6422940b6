import { makeStyles, tokens } from '@fluentui/react-components';
import { Fragment } from 'react';

const useStyles = makeStyles({
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: 'inherit',
    borderRadius: tokens.borderRadiusSmall,
    fontWeight: tokens.fontWeightSemibold,
  },
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The pattern finding a search's matched words in a text: whole words (or the start of one,
 * for a word being typed), longest first so "deployment" wins over "deploy"; none if nothing matched.
 */
export function matchPattern(words: readonly string[] | undefined): RegExp | undefined {
  const distinct = [...new Set((words ?? []).map((w) => w.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!distinct.length) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(${distinct.map(escapeRegExp).join('|')})`, 'giu');
}

/** Text with the words a search matched marked, as the service reported them. */
export function Highlighted({ text, pattern }: { text: string; pattern: RegExp | undefined }) {
  const styles = useStyles();
  if (!pattern) return <>{text}</>;
  const parts = text.split(pattern);
  // split with one capture group puts the matches at odd positions.
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className={styles.mark} data-testid="match">
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

import { Combobox, Field, Option } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useApp } from '../../../session/AppContext';

/** Every zone the browser knows, the viewer's first. */
function timeZones(viewer: string): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // An older browser: the viewer's zone and UTC still work.
  }
  return [viewer, ...['UTC', ...all].filter((z) => z !== viewer)];
}

/** Matches "new york", "new_york" and "America/New" alike. */
function matches(zone: string, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  return q === '' || zone.toLowerCase().includes(q);
}

/** The ritual's time zone: type to filter the zones the browser knows; the viewer's comes first. */
export function TimeZoneField({ value, onChange, message }: { value: string; onChange: (zone: string) => void; message?: string }) {
  const { format } = useApp();
  const zones = useMemo(() => timeZones(format.timeZone), [format.timeZone]);
  // What people type while choosing; undefined shows the chosen zone.
  const [query, setQuery] = useState<string>();
  const shown = query === undefined ? zones : zones.filter((z) => matches(z, query));

  return (
    <Field
      label="Time zone"
      required
      validationMessage={message}
      hint="The ritual’s own clock: its time stays put when clocks change there."
    >
      <Combobox
        freeform
        value={query ?? value}
        selectedOptions={[value]}
        onChange={(event) => {
          setQuery(event.target.value);
          onChange(event.target.value.trim());
        }}
        onOptionSelect={(_, d) => {
          if (d.optionValue) onChange(d.optionValue);
          setQuery(undefined);
        }}
        onBlur={() => {
          // "tokyo" means Asia/Tokyo when only one zone fits.
          const fits = query === undefined ? [] : zones.filter((z) => matches(z, query));
          if (fits.length === 1 && fits[0] !== value) onChange(fits[0]!);
          setQuery(undefined);
        }}
        data-testid="ritual-time-zone"
        data-field="schedule.timeZone"
      >
        {shown.map((zone) => (
          <Option key={zone} value={zone}>
            {zone}
          </Option>
        ))}
        {shown.length === 0 && (
          <Option disabled value="">
            No time zone matches
          </Option>
        )}
      </Combobox>
    </Field>
  );
}

import {
  Tag,
  TagPicker,
  TagPickerControl,
  TagPickerGroup,
  TagPickerInput,
  TagPickerList,
  TagPickerOption,
  type TagPickerProps,
} from '@fluentui/react-components';
import { useState, type KeyboardEvent } from 'react';
import { normalizeTag } from './tags';

const ADD_TYPED = '\u0000add';
const SUGGESTIONS_SHOWN = 8;

/**
 * Tags as removable chips plus a text box that suggests the community's tags in use.
 * Enter or a comma adds what was typed; each chip removes itself when chosen. Inside a
 * Fluent Field, the input takes the field's label and messages.
 */
export function TagInput({ value, onChange, suggestions }: { value: string[]; onChange: (tags: string[]) => void; suggestions: string[] }) {
  const [query, setQuery] = useState('');
  const typed = normalizeTag(query);
  const matches = suggestions.filter((s) => !value.includes(s) && (typed === '' || s.includes(typed))).slice(0, SUGGESTIONS_SHOWN);
  const canAddTyped = typed !== '' && !value.includes(typed) && !matches.includes(typed);

  const add = (raw: string) => {
    const tag = normalizeTag(raw);
    if (tag && !value.includes(tag)) onChange([...value, tag]);
    setQuery('');
  };

  const onOptionSelect: TagPickerProps['onOptionSelect'] = (_, data) => {
    if (data.value === ADD_TYPED) {
      add(query);
      return;
    }
    onChange(data.selectedOptions.filter((o) => o !== ADD_TYPED));
    setQuery('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // A comma ends a tag as people are used to from other tag boxes.
    if (event.key === ',' && typed) {
      event.preventDefault();
      add(query);
    }
  };

  return (
    <TagPicker selectedOptions={value} onOptionSelect={onOptionSelect}>
      <TagPickerControl>
        <TagPickerGroup aria-label="Tags on this card">
          {value.map((tag) => (
            <Tag key={tag} value={tag} shape="rounded" dismissible aria-label={`${tag}, remove`}>
              {tag}
            </Tag>
          ))}
        </TagPickerGroup>
        <TagPickerInput
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={value.length === 0 ? 'Add a tag' : undefined}
          data-testid="tag-input"
        />
      </TagPickerControl>
      <TagPickerList>
        {canAddTyped && (
          <TagPickerOption value={ADD_TYPED} text={typed}>
            {`Add “${typed}”`}
          </TagPickerOption>
        )}
        {matches.map((tag) => (
          <TagPickerOption key={tag} value={tag}>
            {tag}
          </TagPickerOption>
        ))}
      </TagPickerList>
    </TagPicker>
  );
}

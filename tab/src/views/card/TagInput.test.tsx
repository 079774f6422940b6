import { Field, FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { TagInput } from './TagInput';

function Harness({ initial, onChange }: { initial: string[]; onChange: (tags: string[]) => void }) {
  const [tags, setTags] = useState(initial);
  return (
    <FluentProvider theme={teamsLightTheme}>
      <Field label="Tags">
        <TagInput
          value={tags}
          suggestions={['staging', 'queues', 'quality']}
          onChange={(next) => {
            setTags(next);
            onChange(next);
          }}
        />
      </Field>
    </FluentProvider>
  );
}

describe('TagInput', () => {
  it('suggests the community’s tags as people type and adds the one chosen', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Harness initial={['staging']} onChange={onChange} />);
    await user.click(screen.getByRole('combobox', { name: 'Tags' }));
    await user.keyboard('qu');
    expect(screen.getByRole('option', { name: 'queues' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'quality' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'staging' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'queues' }));
    expect(onChange).toHaveBeenLastCalledWith(['staging', 'queues']);
  });

  it('adds a new tag, normalized, with Enter on the "Add" option', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Harness initial={[]} onChange={onChange} />);
    await user.click(screen.getByRole('combobox', { name: 'Tags' }));
    await user.keyboard('#Load Testing');
    expect(screen.getByRole('option', { name: 'Add “load-testing”' })).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onChange).toHaveBeenLastCalledWith(['load-testing']);
  });

  it('removes a tag when its chip is chosen', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Harness initial={['staging', 'queues']} onChange={onChange} />);
    await user.click(screen.getByRole('option', { name: 'staging, remove' }));
    expect(onChange).toHaveBeenLastCalledWith(['queues']);
  });
});

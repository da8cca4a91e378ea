import { Button, Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, makeStyles, useId, type MenuProps } from '@fluentui/react-components';
import { ChevronDown16Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  button: { minWidth: '150px', justifyContent: 'space-between', fontWeight: 'normal' },
});

interface SingleSelectProps<T extends string> {
  label: string;
  labelledBy?: string;
  options: readonly T[];
  value: T;
  optionLabel: (v: T) => string;
  onChange: (v: T) => void;
}

/** SingleSelect is a menu of radio items behind a button showing the choice. */
export function SingleSelect<T extends string>({ label, labelledBy, options, value, optionLabel, onChange }: SingleSelectProps<T>) {
  const styles = useStyles();
  const textId = useId('singleselect-value');
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_, d) => {
    const v = d.checkedItems[0];
    if (v && v !== value) onChange(v as T);
  };
  return (
    <Menu checkedValues={{ [label]: [value] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          className={styles.button}
          icon={<ChevronDown16Regular />}
          iconPosition="after"
          aria-labelledby={labelledBy ? `${labelledBy} ${textId}` : undefined}
          aria-label={labelledBy ? undefined : `${label}: ${optionLabel(value)}`}
          data-value={value}
        >
          <span id={textId}>{optionLabel(value)}</span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {options.map((o) => (
            <MenuItemRadio key={o} name={label} value={o}>
              {optionLabel(o)}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

import { FormGroup, FormMessage, Input, Select } from '@adminjs/design-system';
import { PropertyLabel, useTranslation } from 'adminjs';
import React, { useEffect, useState } from 'react';

import { FRENCH_SELECT } from './french-ui.js';

const SelectEdit = ({ record, property, onChange }) => {
  const { tl } = useTranslation();
  const current = record.params?.[property.path] ?? property.props.value ?? '';
  const options = property.availableValues.map((option) => ({
    ...option,
    label: tl(`${property.path}.${option.value}`, property.resourceId, { defaultValue: option.label ?? option.value }),
  }));
  // Loose on purpose, as AdminJS: a number column's value arrives as a string.
  const selected = options.find((option) => String(option.value) === String(current)) ?? null;
  return (
    <Select
      {...FRENCH_SELECT}
      value={selected}
      options={options}
      onChange={(chosen) => onChange(property.path, chosen?.value ?? '')}
      isDisabled={property.isDisabled}
      {...property.props}
    />
  );
};

const TextEdit = ({ property, record, onChange }) => {
  const current = record.params?.[property.path] ?? property.props.value ?? '';
  const [value, setValue] = useState(current);
  useEffect(() => {
    if (value !== current) setValue(current);
  }, [current]);
  return (
    <Input
      id={property.path}
      name={property.path}
      required={property.isRequired}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => onChange(property.path, value)}
      onKeyDown={(event) => event.keyCode === 13 && onChange(property.path, value)}
      value={value}
      disabled={property.isDisabled}
      {...property.props}
    />
  );
};

/** AdminJS's DefaultEditProperty, with a French select for the properties with values to choose from. */
const FrenchEdit = (props) => {
  const { property, record } = props;
  const { tm } = useTranslation();
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      {property.availableValues ? <SelectEdit {...props} /> : <TextEdit {...props} />}
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default FrenchEdit;

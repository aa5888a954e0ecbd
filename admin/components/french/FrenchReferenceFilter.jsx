import { FormGroup, SelectAsync } from '@adminjs/design-system';
import { ApiClient, PropertyLabel } from 'adminjs';
import React, { useState } from 'react';

import { FRENCH_SELECT } from './french-ui.js';

/** AdminJS's DefaultReferenceFilterProperty, with a French searchable picker. */
const FrenchReferenceFilter = ({ property, filter, onChange }) => {
  const [options, setOptions] = useState([]);
  const loadOptions = async (query) => {
    const records = await new ApiClient().searchRecords({ resourceId: property.reference, query });
    const loaded = records.map((record) => ({ value: record.id, label: record.title }));
    setOptions(loaded);
    return loaded;
  };
  const value = filter[property.path] ?? '';
  const selected = options.find((option) => String(option.value) === String(value));
  return (
    <FormGroup>
      <PropertyLabel property={property} filter />
      <SelectAsync
        {...FRENCH_SELECT}
        variant="filter"
        value={selected ?? ''}
        isClearable
        cacheOptions
        defaultOptions
        loadOptions={loadOptions}
        onChange={(chosen) => onChange(property.path, chosen ? chosen.value : '')}
      />
    </FormGroup>
  );
};

export default FrenchReferenceFilter;

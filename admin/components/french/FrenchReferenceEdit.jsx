import { FormGroup, FormMessage, SelectAsync } from '@adminjs/design-system';
import { ApiClient, flat, PropertyLabel } from 'adminjs';
import React, { useEffect, useState } from 'react';

import { FRENCH_SELECT } from './french-ui.js';

/** AdminJS's DefaultReferenceEditProperty, with a French searchable picker. */
const FrenchReferenceEdit = ({ onChange, property, record }) => {
  const resourceId = property.reference;
  const selectedId = flat.get(record?.params, property.path);
  const [loaded, setLoaded] = useState(null);
  const [loading, setLoading] = useState(0);
  useEffect(() => {
    if (!selectedId) return;
    setLoading((count) => count + 1);
    new ApiClient()
      .recordAction({ actionName: 'show', resourceId, recordId: selectedId })
      .then(({ data }) => setLoaded(data.record))
      .finally(() => setLoading((count) => count - 1));
  }, [selectedId, resourceId]);
  const loadOptions = async (query) => {
    const records = await new ApiClient().searchRecords({ resourceId, query });
    return records.map((option) => ({ value: option.id, label: option.title, record: option }));
  };
  const error = record?.errors?.[property.path];
  const selected = selectedId && loaded ? { value: loaded.id, label: loaded.title } : null;
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <SelectAsync
        {...FRENCH_SELECT}
        cacheOptions
        value={selected}
        defaultOptions
        loadOptions={loadOptions}
        onChange={(chosen) =>
          chosen ? onChange(property.path, chosen.value, chosen.record) : onChange(property.path, null)
        }
        isClearable
        isDisabled={property.isDisabled}
        isLoading={Boolean(loading)}
        {...property.props}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default FrenchReferenceEdit;

import { FormGroup, FormMessage, Label, Select } from '@adminjs/design-system';
import { ApiClient, useTranslation } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();

// docs/rules.md#names-in-the-back-office: the companies of an account or a configuration, chosen by name in a
// multi-select (searched like any picker) and shown by name; the value sent stays the ids, "1, 2".
const selectedOf = (record, path) => {
  try {
    return JSON.parse(record?.params?.[`${path}Names`] || '[]');
  } catch {
    return [];
  }
};

const CompanySelect = ({ record, property, resource, onChange, where }) => {
  const { translateProperty } = useTranslation();
  const label = translateProperty(property.path, resource?.id);
  const [selected, setSelected] = useState(() => selectedOf(record, property.path));
  const [options, setOptions] = useState([]);

  useEffect(() => setSelected(selectedOf(record, property.path)), [record?.params?.[`${property.path}Names`]]);

  const search = (query) =>
    api
      .searchRecords({ resourceId: 'Company', query: query || '' })
      .then((records) => setOptions(records.map((found) => ({ value: Number(found.id), label: found.title }))))
      .catch(() => setOptions([]));

  useEffect(() => {
    if (where === 'edit') search('');
  }, [where]);

  if (where !== 'edit') {
    const names = selected.map((company) => company.label).join(', ');
    return where === 'list' ? (
      <span data-testid="company-names">{names}</span>
    ) : (
      <FormGroup>
        <Label>{label}</Label>
        <span data-testid="company-names">{names || '—'}</span>
      </FormGroup>
    );
  }

  const error = record?.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={property.path} required={property.isRequired}>
        {label}
      </Label>
      <Select
        inputId={property.path}
        isMulti
        value={selected}
        options={options}
        placeholder="Choisir une ou plusieurs sociétés…"
        noOptionsMessage={() => 'Aucune société trouvée'}
        onInputChange={(query, { action }) => {
          if (action === 'input-change') search(query);
        }}
        onChange={(chosen) => {
          const list = chosen || [];
          setSelected(list);
          onChange(property.path, list.map((company) => company.value).join(', '));
        }}
      />
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default CompanySelect;

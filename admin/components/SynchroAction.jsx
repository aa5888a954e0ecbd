import { Box, Button, H3, Label, Link, Loader, MessageBox, Select, Text } from '@adminjs/design-system';
import { ApiClient, useNotice } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();

const SynchroAction = ({ record, resource, action }) => {
  const [users, setUsers] = useState(null);
  const [userId, setUserId] = useState(null);
  const [result, setResult] = useState(null);
  const [failure, setFailure] = useState(null);
  const [running, setRunning] = useState(false);
  const addNotice = useNotice();

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'get' })
      .then(({ data }) => {
        setUsers(data.users || []);
        setUserId(data.defaultUserId ?? (data.users && data.users[0] ? data.users[0].value : null));
      });
  }, [record.id]);

  const run = async () => {
    setRunning(true);
    setResult(null);
    setFailure(null);
    try {
      const { data } = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        method: 'post',
        data: { userId },
      });
      setResult(data.result || null);
      setFailure(data.failure || null);
      if (data.notice) addNotice(data.notice);
    } finally {
      setRunning(false);
    }
  };

  if (users === null) return <Loader />;
  const selected = users.find((option) => option.value === userId) || null;
  const linesUrl = `/admin/resources/StatementLine?filters.statementId=${record.id}`;

  return (
    <Box variant="white" p="xl">
      <H3>Synchro du relevé « {record.title} »</H3>
      <Box mb="lg">
        <Label>Utilisateur dont l’e-mail se connecte à Bridge</Label>
        <Select
          inputId="synchro-user"
          value={selected}
          options={users}
          onChange={(option) => setUserId(option ? option.value : null)}
        />
      </Box>
      <Button id="run-synchro" variant="contained" onClick={run} disabled={running || !userId}>
        {running ? 'Synchro en cours…' : 'Lancer la Synchro'}
      </Button>

      {failure && (
        <MessageBox mt="xl" variant="danger" message="La Synchro n’a pas abouti">
          <Text id="synchro-failure">{failure}</Text>
        </MessageBox>
      )}
      {result && result.status === 'synced' && (
        <MessageBox mt="xl" variant="success" message="Synchro terminée">
          <Text id="synchro-result">
            {result.imported} ligne(s) importée(s), {result.updated} mise(s) à jour, {result.removed} supprimée(s)
            {result.reviewRequired ? `, ${result.reviewRequired} à revoir` : ''}. Solde bancaire : {result.bankBalance}{' '}
            €.
          </Text>
          {(result.warnings || []).map((warning) => (
            <Text key={warning}>{warning}</Text>
          ))}
          <Text mt="default">
            <Link href={linesUrl} id="see-lines">
              Voir les lignes du relevé
            </Link>
          </Text>
        </MessageBox>
      )}
      {result && result.status !== 'synced' && (
        <MessageBox
          mt="xl"
          variant="info"
          message={
            result.status === 'connect_required'
              ? 'Connexion à la banque nécessaire'
              : 'Reconnexion à la banque nécessaire'
          }
        >
          <Text mb="lg">
            {result.status === 'connect_required'
              ? 'Aucun compte Bridge ne porte encore l’IBAN de ce journal. Connectez la banque dans le parcours Bridge, puis revenez au relevé et relancez la Synchro.'
              : result.message}
          </Text>
          <Button as="a" id="bridge-connect" variant="contained" href={result.connectUrl}>
            {result.status === 'connect_required' ? 'Connexion' : 'Reconnexion'}
          </Button>
        </MessageBox>
      )}
    </Box>
  );
};

export default SynchroAction;

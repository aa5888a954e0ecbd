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
  const [journalCode, setJournalCode] = useState('');
  const addNotice = useNotice();

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'get' })
      .then(({ data }) => {
        setUsers(data.users || []);
        setJournalCode(data.journalCode || '');
        setUserId(data.defaultUserId ?? (data.users && data.users[0] ? data.users[0].value : null));
      });
  }, [record.id]);

  // extra: { bridgeAccountId } to link an account of an account_choice_required answer, { addBank: true } for a new funnel.
  const run = async (extra = {}) => {
    setRunning(true);
    setResult(null);
    setFailure(null);
    try {
      const { data } = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        method: 'post',
        data: { userId, ...extra },
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
      <Button id="run-synchro" variant="contained" onClick={() => run()} disabled={running || !userId}>
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
            {result.reviewRequired ? `, ${result.reviewRequired} à revoir` : ''}. Solde bancaire :{' '}
            {result.bankBalanceText}.
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
      {result && result.status === 'account_choice_required' && (
        <MessageBox mt="xl" variant="info" message="Choisissez le compte du journal">
          <Text mb="lg" id="account-choice-message">
            {result.message}
          </Text>
          <table id="account-choice">
            <thead>
              <tr>
                <th>Banque</th>
                <th>Compte</th>
                <th>Type</th>
                <th>IBAN</th>
                <th>Solde</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(result.accounts || []).map((account) => (
                <tr key={account.bridgeAccountId}>
                  <td>{account.bankName || '—'}</td>
                  <td>{account.name}</td>
                  <td>{account.typeLabel}</td>
                  <td>{account.ibanMasked || '—'}</td>
                  <td>{account.balanceText}</td>
                  <td>
                    <Button
                      id={`link-account-${account.bridgeAccountId}`}
                      data-testid={`link-account-${account.bridgeAccountId}`}
                      size="sm"
                      variant="contained"
                      disabled={running}
                      onClick={() => run({ bridgeAccountId: account.bridgeAccountId })}
                    >
                      Associer ce compte au journal {journalCode}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Box mt="lg">
            <Button id="add-bank" variant="outlined" disabled={running} onClick={() => run({ addBank: true })}>
              Ajouter une banque
            </Button>
          </Box>
        </MessageBox>
      )}
      {result && (result.status === 'connect_required' || result.status === 'reauth_required') && (
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

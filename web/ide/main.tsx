import './monaco-workers';
import 'graphiql/style.css';
import './page.css';
import { operations } from 'contract-operations';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { exampleHeaders, exampleVariables } from './examples';
import { fetcher } from './fetcher';

/** One tab per contract operation, with variables that answer on the seeded graph. */
const tabs = Object.entries(operations).map(([name, query]) => ({ query, variables: exampleVariables[name] ?? '{}', headers: exampleHeaders }));

/**
 * GraphiQL 5 fills the first tab's query into the editor on a first visit but
 * not its variables (those come from `initialVariables`); later visits restore
 * the tabs it stored, which `initialVariables` would add a tab to.
 */
const firstVisit = localStorage.getItem('graphiql:tabState') === null;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={tabs}
    defaultHeaders={exampleHeaders}
    initialVariables={firstVisit ? tabs[0]?.variables : undefined}
    defaultEditorToolsVisibility="variables"
  />,
);

import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { docFromText, docToText } from '../../src/shared/model/richText';

/** Sets the summary of a workspace's first article (a one-article workspace: the sample's). */
export async function setSummary(workspace: string, text: string): Promise<void> {
  const store = await WorkspaceStore.open(workspace);
  try {
    const c = structuredClone(await store.getComparison(store.listComparisons()[0]!.id));
    c.summary = docFromText(text);
    await store.saveComparison(c, c.revision);
  } finally {
    await store.close();
  }
}

/** The summary of a workspace's first article, as text. */
export async function readSummary(workspace: string): Promise<string> {
  const store = await WorkspaceStore.open(workspace);
  try {
    return docToText((await store.getComparison(store.listComparisons()[0]!.id)).summary);
  } finally {
    await store.close();
  }
}

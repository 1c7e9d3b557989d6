import { useEffect, useMemo, useState } from 'react';
import { createDirectory, type DirectoryIndex } from '../../lib/directory';
import { loadLayers, watchLayers, type LoadedLayers } from '../../lib/directory/storage';

/**
 * The directory with the deployer's, the worker's and the team's layers. The bundled data answers at once; the
 * layers follow as soon as storage has answered (a few milliseconds), so the first keystroke never waits. A change
 * of any layer (a new policy, a mailbox added in the options page or in this panel) reaches an open page at once.
 */
export function useDirectory(): { directory: DirectoryIndex; layers: LoadedLayers | null; reload: () => void } {
  const [layers, setLayers] = useState<LoadedLayers | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => watchLayers(() => setGeneration((value) => value + 1)), []);
  useEffect(() => {
    let live = true;
    void loadLayers().then((loaded) => {
      if (live) setLayers(loaded);
    });
    return () => {
      live = false;
    };
  }, [generation]);
  const directory = useMemo(() => createDirectory(layers ?? {}), [layers]);
  return { directory, layers, reload: () => setGeneration((value) => value + 1) };
}

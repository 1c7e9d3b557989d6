import { useEffect, useMemo, useState } from 'react';
import { createDirectory, type DirectoryIndex } from '../../lib/directory';
import { loadLayers, type LoadedLayers } from '../../lib/directory/storage';

/**
 * The directory with the deployer's and the user's layers. The bundled data answers at once; the layers follow
 * as soon as storage has answered (a few milliseconds), so the first keystroke never waits.
 */
export function useDirectory(): { directory: DirectoryIndex; layers: LoadedLayers | null; reload: () => void } {
  const [layers, setLayers] = useState<LoadedLayers | null>(null);
  const [generation, setGeneration] = useState(0);
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

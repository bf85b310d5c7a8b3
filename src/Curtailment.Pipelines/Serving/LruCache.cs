namespace Curtailment.Pipelines.Serving;

/// <summary>A small thread-safe least-recently-used cache; the value factory runs outside the lock.</summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _nodes = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Number of entries held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, made by <paramref name="factory"/> when absent (two racing callers may both make it).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (_lock)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Value;
            }
        }

        var value = factory(key);
        lock (_lock)
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                return node.Value.Value;
            }

            _nodes[key] = _order.AddFirst((key, value));
            if (_nodes.Count > capacity)
            {
                _nodes.Remove(_order.Last!.Value.Key);
                _order.RemoveLast();
            }

            return value;
        }
    }
}

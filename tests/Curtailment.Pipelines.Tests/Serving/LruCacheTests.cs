using Curtailment.Pipelines.Serving;

namespace Curtailment.Pipelines.Tests.Serving;

public sealed class LruCacheTests
{
    [Fact]
    public void GetOrAdd_SameKeyTwice_MakesTheValueOnce()
    {
        var cache = new LruCache<int, string>(2);
        var made = 0;

        var first = cache.GetOrAdd(1, k => $"v{k}-{++made}");
        var second = cache.GetOrAdd(1, k => $"v{k}-{++made}");

        Assert.Equal("v1-1", first);
        Assert.Same(first, second);
        Assert.Equal(1, made);
    }

    [Fact]
    public void GetOrAdd_OverCapacity_EvictsTheLeastRecentlyUsed()
    {
        var cache = new LruCache<int, string>(2);
        cache.GetOrAdd(1, _ => "a");
        cache.GetOrAdd(2, _ => "b");
        cache.GetOrAdd(1, _ => "not made");   // 1 is now the most recently used

        cache.GetOrAdd(3, _ => "c");          // evicts 2

        Assert.Equal(2, cache.Count);
        Assert.Equal("a", cache.GetOrAdd(1, _ => "made again"));
        Assert.Equal("made again", cache.GetOrAdd(2, _ => "made again"));
    }
}

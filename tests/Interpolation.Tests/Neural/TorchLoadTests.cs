using Science.Interpolation.Neural;
using TorchSharp;

namespace Science.Interpolation.Tests.Neural;

/// <summary>The TorchSharp load fix (build/TorchSharp.Native.targets) and the ELF version-need patcher behind it.</summary>
[Collection(TorchCollection.Name)]
public sealed class TorchLoadTests
{
    [Fact]
    public void LibTorch_loads_and_computes_with_one_thread()
    {
        TorchRuntime.EnsureLoaded();
        Assert.True(TorchRuntime.IsAvailable(out var reason), reason);
        Assert.Equal(1, torch.get_num_threads());
        using var a = torch.arange(1, 5, dtype: torch.ScalarType.Float32);
        using var b = torch.matmul(a, a);
        Assert.Equal(30f, b.item<float>());
    }

    private const string LinuxOnly = "the libLibTorchSharp ELF patch is made by the build on Linux only (build/TorchSharp.Native.targets)";

    [SkippableFact]
    public void Output_copy_of_libLibTorchSharp_has_a_weak_GLIBCXX_3_4_32_need_and_nothing_else_changed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), LinuxOnly);
        string lib = TorchRuntime.LibTorchSharpCandidates().First(File.Exists);
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(lib));
        var target = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", target.File);
        Assert.True(target.IsWeak);
        Assert.All(needs.Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak, $"{n.File} {n.Version}"));
        Assert.Contains(needs, n => n.Version == "GLIBCXX_3.4.30"); // the chain is read through, not only to the target
    }

    [SkippableFact]
    public void Patcher_sets_exactly_one_flag_and_is_idempotent()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), LinuxOnly);
        string lib = TorchRuntime.LibTorchSharpCandidates().First(File.Exists);
        var patched = File.ReadAllBytes(lib);
        var need = ElfVersionNeeds.Read(patched).Single(n => n.Version == "GLIBCXX_3.4.32");

        var original = (byte[])patched.Clone();          // undo the build step's patch: the package's bytes
        original[need.Offset + 4] &= unchecked((byte)~ElfVersionNeeds.WeakFlag);
        Assert.False(ElfVersionNeeds.Read(original).Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);

        var copy = (byte[])original.Clone();
        Assert.Equal(1, ElfVersionNeeds.MarkWeak(copy, "libstdc++.so.6", ["GLIBCXX_3.4.32"]));
        Assert.Equal(patched, copy);
        Assert.Equal(0, ElfVersionNeeds.MarkWeak(copy, "libstdc++.so.6", ["GLIBCXX_3.4.32"]));
        Assert.Equal(patched, copy);
        Assert.Equal(0, ElfVersionNeeds.MarkWeak(original, "libc.so.6", ["GLIBCXX_3.4.32"])); // another file's needs only

        string temp = Path.Combine(Path.GetTempPath(), $"elfpatch-{Guid.NewGuid():N}.so");
        try
        {
            File.WriteAllBytes(temp, original);
            Assert.Equal(1, ElfVersionNeeds.MarkWeakInFile(temp, "libstdc++.so.6", ["GLIBCXX_3.4.32"]));
            var stamp = File.GetLastWriteTimeUtc(temp);
            Assert.Equal(0, ElfVersionNeeds.MarkWeakInFile(temp, "libstdc++.so.6", ["GLIBCXX_3.4.32"]));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(temp)); // unchanged files are not rewritten
            Assert.Equal(patched, File.ReadAllBytes(temp));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void Patcher_rejects_non_ELF64_and_truncated_files()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[100]));
        var elf32 = new byte[100];
        elf32[0] = 0x7f; elf32[1] = (byte)'E'; elf32[2] = (byte)'L'; elf32[3] = (byte)'F'; elf32[4] = 1; elf32[5] = 1;
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(elf32));
    }

    [SkippableFact]
    public void Patcher_rejects_a_truncated_libLibTorchSharp()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), LinuxOnly);
        var image = File.ReadAllBytes(TorchRuntime.LibTorchSharpCandidates().First(File.Exists));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(image.AsSpan(0, image.Length / 2).ToArray()));
    }
}

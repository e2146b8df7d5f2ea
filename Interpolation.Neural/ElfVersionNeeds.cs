// This file is compiled twice: into Science.Interpolation (net10.0: the ELF reader is used by TorchRuntime's load
// diagnostics and by the tests) and by MSBuild's RoslynCodeTaskFactory for build/TorchSharp.Native.targets
// (netstandard2.0 references, where the NET symbol is not defined and the task class below is included). Keep it to
// netstandard2.0 APIs: no Span, no BinaryPrimitives.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;

namespace Science.Interpolation.Neural
{
    /// <summary>One version need of an ELF shared object: a Vernaux entry of <c>.gnu.version_r</c>.</summary>
    internal readonly struct ElfVersionNeed
    {
        public ElfVersionNeed(string file, string version, ushort flags, long offset)
        {
            File = file;
            Version = version;
            Flags = flags;
            Offset = offset;
        }

        /// <summary>The needed library (vn_file), e.g. <c>libstdc++.so.6</c>.</summary>
        public string File { get; }
        /// <summary>The needed version (vna_name), e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string Version { get; }
        /// <summary>vna_flags; <see cref="ElfVersionNeeds.WeakFlag"/> marks a weak need.</summary>
        public ushort Flags { get; }
        /// <summary>File offset of the Vernaux entry.</summary>
        public long Offset { get; }
        /// <summary>Whether the dynamic loader tolerates the version being absent.</summary>
        public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;
    }

    /// <summary>
    /// Reads and edits the version needs (<c>SHT_GNU_verneed</c>, <c>.gnu.version_r</c>) of a little-endian ELF64
    /// file: section headers → the verneed section → its Verneed chain (sh_info entries) → each entry's Vernaux chain,
    /// with names from the linked string table (<c>.dynstr</c>). Only the vna_flags field is ever changed.
    /// </summary>
    internal static class ElfVersionNeeds
    {
        /// <summary>VER_FLG_WEAK: a missing version is not fatal for glibc's dynamic loader.</summary>
        public const ushort WeakFlag = 0x2;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const int VernauxFlagsOffset = 4;

        /// <summary>All version needs of an ELF64 little-endian image.</summary>
        public static List<ElfVersionNeed> Read(byte[] image)
        {
            var needs = new List<ElfVersionNeed>();
            if (image == null) throw new ArgumentNullException(nameof(image));
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (image[4] != 2) throw new InvalidDataException("not an ELF64 file (EI_CLASS != ELFCLASS64)");
            if (image[5] != 1) throw new InvalidDataException("not a little-endian ELF file (EI_DATA != ELFDATA2LSB)");

            long shoff = checked((long)U64(image, 0x28));
            int shentsize = U16(image, 0x3A);
            long shnum = U16(image, 0x3C);
            if (shoff == 0) return needs; // no section headers: nothing to find
            if (shentsize < 64) throw new InvalidDataException($"section header size {shentsize} < 64");
            Check(image, shoff, shentsize, "section header 0");
            if (shnum == 0) shnum = checked((long)U64(image, shoff + 0x20)); // extended numbering: count in sh_size of section 0
            Check(image, shoff, checked(shnum * shentsize), "section header table");

            for (long s = 0; s < shnum; s++)
            {
                long sh = shoff + s * shentsize;
                if (U32(image, sh + 4) != ShtGnuVerneed) continue;
                long offset = checked((long)U64(image, sh + 0x18));
                long size = checked((long)U64(image, sh + 0x20));
                uint link = U32(image, sh + 0x28);
                uint count = U32(image, sh + 0x2C);
                Check(image, offset, size, "verneed section");
                if (link >= shnum) throw new InvalidDataException($"verneed section links to section {link} of {shnum}");
                long strSh = shoff + link * shentsize;
                long strOffset = checked((long)U64(image, strSh + 0x18));
                long strSize = checked((long)U64(image, strSh + 0x20));
                Check(image, strOffset, strSize, "string table");

                long vn = offset;
                for (uint n = 0; n < count; n++)
                {
                    Check(image, vn, 16, "Verneed entry");
                    if (vn + 16 > offset + size) throw new InvalidDataException("Verneed entry outside its section");
                    int auxCount = U16(image, vn + 2);
                    string file = Str(image, strOffset, strSize, U32(image, vn + 4));
                    long aux = vn + U32(image, vn + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Check(image, aux, 16, "Vernaux entry");
                        if (aux < offset || aux + 16 > offset + size) throw new InvalidDataException("Vernaux entry outside its section");
                        ushort flags = U16(image, aux + VernauxFlagsOffset);
                        string version = Str(image, strOffset, strSize, U32(image, aux + 8));
                        needs.Add(new ElfVersionNeed(file, version, flags, aux));
                        uint nextAux = U32(image, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(image, vn + 12);
                    if (next == 0) break;
                    vn += next;
                }
            }
            return needs;
        }

        /// <summary>
        /// Sets <see cref="WeakFlag"/> on the needs of <paramref name="file"/> (any file when null) whose version is in
        /// <paramref name="versions"/>. Returns how many entries changed; 0 when they were weak already (idempotent).
        /// </summary>
        public static int MarkWeak(byte[] image, string? file, ICollection<string> versions)
        {
            int changed = 0;
            foreach (var need in Read(image))
            {
                if (need.IsWeak || !versions.Contains(need.Version)) continue;
                if (file != null && need.File != file) continue;
                ushort flags = (ushort)(need.Flags | WeakFlag);
                image[need.Offset + VernauxFlagsOffset] = (byte)flags;
                image[need.Offset + VernauxFlagsOffset + 1] = (byte)(flags >> 8);
                changed++;
            }
            return changed;
        }

        /// <summary>
        /// <see cref="MarkWeak(byte[], string, ICollection{string})"/> on a file, rewritten (through a temporary file and
        /// a rename, keeping its permissions) only when something changed.
        /// </summary>
        public static int MarkWeakInFile(string path, string? file, ICollection<string> versions)
        {
            var image = System.IO.File.ReadAllBytes(path);
            int changed = MarkWeak(image, file, versions);
            if (changed == 0) return 0;
            string temp = path + ".patching";
            System.IO.File.Copy(path, temp, true); // keeps the mode bits of the original
            System.IO.File.WriteAllBytes(temp, image);
            if (System.IO.File.Exists(path)) System.IO.File.Delete(path);
            System.IO.File.Move(temp, path);
            return changed;
        }

        private static void Check(byte[] image, long offset, long length, string what)
        {
            if (offset < 0 || length < 0 || offset > image.LongLength || length > image.LongLength - offset)
                throw new InvalidDataException($"{what} [{offset}, +{length}) lies outside the {image.LongLength}-byte file");
        }

        private static ushort U16(byte[] b, long o) { Check(b, o, 2, "field"); return (ushort)(b[o] | b[o + 1] << 8); }
        private static uint U32(byte[] b, long o) { Check(b, o, 4, "field"); return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }
        private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

        private static string Str(byte[] image, long table, long tableSize, uint index)
        {
            if (index >= tableSize) throw new InvalidDataException($"string index {index} outside the {tableSize}-byte string table");
            long start = table + index, end = start;
            while (end < table + tableSize && image[end] != 0) end++;
            return System.Text.Encoding.ASCII.GetString(image, (int)start, (int)(end - start));
        }
    }

#if !NET
    /// <summary>
    /// MSBuild task (compiled by RoslynCodeTaskFactory from build/TorchSharp.Native.targets): marks the version needs
    /// <see cref="Versions"/> of <see cref="NeededFile"/> weak in each of <see cref="Files"/>, in place. Idempotent.
    /// </summary>
    public sealed class PatchElfVersionNeeds : Microsoft.Build.Utilities.Task
    {
        /// <summary>ELF64 files to patch in place.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

        /// <summary>Semicolon-separated version names, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        [Microsoft.Build.Framework.Required]
        public string Versions { get; set; } = "";

        /// <summary>The library whose needs are patched (vn_file); empty for any.</summary>
        public string NeededFile { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            var versions = new HashSet<string>(Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries));
            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                try
                {
                    int changed = ElfVersionNeeds.MarkWeakInFile(path, NeededFile.Length == 0 ? null : NeededFile, versions);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        changed == 0 ? $"{path}: version needs {Versions} already weak or absent"
                                     : $"{path}: marked {changed} version need(s) weak ({Versions})");
                }
                catch (Exception e)
                {
                    Log.LogError($"cannot patch the ELF version needs of {path}: {e.Message}");
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}

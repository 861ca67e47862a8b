"""LoRA-tune the embedded model on procedurally generated tasks, on CPU, and write the adapter for llama.cpp.

    pip install 'macrohard[train]'                    # torch (CPU), transformers, peft, gguf
    # the shipped adapter (src/macrohard/models/adapters/smollm2-tuned.gguf, `local:smollm2-tuned`):
    nice -n 15 .venv/bin/python scripts/train_policy.py --n 128 --seed 7 --verify --steps 128 --lr 4e-4 \
        --out runs/policy-7 --check
    cp runs/policy-7/adapter.gguf src/macrohard/models/adapters/smollm2-tuned.gguf
    cp runs/policy-7/summary.json src/macrohard/models/adapters/smollm2-tuned.json   # + pin the sha256
    .venv/bin/python scripts/train_policy.py --n 8 --steps 4 --out /tmp/smoke --check   # the smoke run

Reproducible from ``--seed``: the data (``scripts/policy_tasks.py``: templates with oracle actions,
multi-step ones, tasks that cannot be done and end ``success: false``, the held-out suite's names kept
out; ``--verify`` replays every oracle in the real loop and trains on the real observations), the LoRA
initialisation and the example order. The chats use the compact prompt the model sees with no aids
(no worked examples): ~220 tokens each. The base model is the GGUF file the ``local`` model runs
(SmolLM2-135M, dequantised by transformers); the loss is on the assistant's turns only (the actions).
LoRA sits on the projections that llama.cpp's GGUF keeps in Hugging Face's row order (v, o, gate, up,
down; q and k are permuted by the conversion), so the adapter converts as is: ``adapter.gguf``
(llama.cpp's LoRA format) beside the peft files and ``summary.json`` (command, seed, losses, sha256).
``--check`` loads the adapter into llama.cpp with its base model and has it answer one task.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
TARGETS = {"v_proj": "attn_v", "o_proj": "attn_output", "gate_proj": "ffn_gate", "up_proj": "ffn_up",
           "down_proj": "ffn_down"}


def base_gguf(name: str) -> Path:
    sys.path.insert(0, str(ROOT.parent / "src"))
    from macrohard.models.local import model_path

    return model_path(name)


def encode(tok: Any, messages: list[dict[str, str]], max_len: int) -> tuple[list[int], list[int]]:
    """Token ids of the chat and labels that train only the assistant turns (-100 elsewhere)."""
    ids: list[int] = []
    labels: list[int] = []
    for i in range(len(messages)):
        before = tok.apply_chat_template(messages[:i], tokenize=False) if i else ""
        upto = tok.apply_chat_template(messages[: i + 1], tokenize=False)
        piece = tok(upto[len(before):], add_special_tokens=False)["input_ids"]
        ids += piece
        labels += piece if messages[i]["role"] == "assistant" else [-100] * len(piece)
    return ids[:max_len], labels[:max_len]


def write_gguf_adapter(model: Any, path: Path, alpha: float) -> int:
    """The peft LoRA weights as a llama.cpp adapter (general.type adapter, adapter.type lora)."""
    import gguf

    writer = gguf.GGUFWriter(str(path), arch="llama")
    writer.add_type("adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", float(alpha))
    count = 0
    for name, tensor in sorted(model.state_dict().items()):
        if "lora_A" not in name and "lora_B" not in name:
            continue
        layer = int(name.split(".layers.")[1].split(".")[0])
        proj = next(p for p in TARGETS if f".{p}." in name)
        suffix = "lora_a" if "lora_A" in name else "lora_b"
        writer.add_tensor(f"blk.{layer}.{TARGETS[proj]}.weight.{suffix}", tensor.detach().float().numpy())
        count += 1
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return count


def check_in_llama_cpp(base: Path, adapter: Path) -> str:
    """Load base + adapter in llama.cpp and return its answer to one task (raises if it cannot load)."""
    sys.path.insert(0, str(ROOT.parent / "src"))
    from macrohard.models.local_cpu import load_llama

    llm = load_llama(base, lora_path=str(adapter), n_ctx=1024, n_threads=2, verbose=False, seed=0)
    from macrohard.prompts import local_system_prompt

    out = llm.create_chat_completion(messages=[
        {"role": "system", "content": local_system_prompt(["bash", "write_file", "finish"])},
        {"role": "user", "content": "Task: Copy amber.txt to cobalt.txt"}], max_tokens=40, temperature=0.0)
    return out["choices"][0]["message"]["content"]


class PrefixTrainer:
    """One step per chat: the system prompt (the same in every chat) runs once without gradients and
    is reused as a key/value cache, refreshed every ``refresh`` steps so it follows the adapter; the
    logits are computed only where a label is (the actions). On 2 shared cores this is most of the
    cost saved: the compact prompt is ~130 of a chat's ~220 tokens, and the vocabulary 49k."""

    def __init__(self, model: Any, prefix: list[int], refresh: int) -> None:
        self.model, self.prefix, self.refresh, self.steps, self.cache = model, prefix, refresh, 0, None

    def _prefix_cache(self) -> Any:
        import torch
        from transformers import DynamicCache

        if self.cache is None or self.steps % self.refresh == 0:
            with torch.no_grad():
                out = self.model(input_ids=torch.tensor([self.prefix]), use_cache=True)
            self.cache = [(layer.keys, layer.values) for layer in out.past_key_values.layers]
        self.steps += 1
        return DynamicCache(ddp_cache_data=self.cache)

    def loss(self, ids: list[int], labels: list[int]) -> Any:
        import torch

        n = len(self.prefix)
        rest, rest_labels = ids[n:], labels[n:]
        keep = [j for j in range(len(rest) - 1) if rest_labels[j + 1] != -100]
        out = self.model(input_ids=torch.tensor([rest]), past_key_values=self._prefix_cache(), use_cache=False,
                         logits_to_keep=torch.tensor(keep))
        return torch.nn.functional.cross_entropy(out.logits[0].float(), torch.tensor([rest[j + 1] for j in keep]))


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="smollm2", help="embedded model to tune (its GGUF is the base)")
    parser.add_argument("--data", default="", help="JSONL from scripts/policy_tasks.py (default: generate)")
    parser.add_argument("--n", type=int, default=400, help="tasks to generate when --data is not given")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verify", action="store_true",
                        help="replay the generated oracles in the real loop and train on the real observations")
    parser.add_argument("--steps", type=int, default=800, help="chats to train on (one per step; cycles the data)")
    parser.add_argument("--accum", type=int, default=1, help="chats per optimizer update")
    parser.add_argument("--lr", type=float, default=2e-4, help="peak learning rate (linear decay to a tenth)")
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--max-len", type=int, default=512)
    parser.add_argument("--refresh", type=int, default=8, help="steps between recomputing the prompt's cache")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", required=True, help="directory for the adapter")
    parser.add_argument("--check", action="store_true", help="load the adapter in llama.cpp and answer one task")
    args = parser.parse_args(argv)

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    sys.path.insert(0, str(ROOT))
    import policy_tasks

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.data:
        records = [json.loads(line) for line in Path(args.data).read_text().splitlines() if line.strip()]
    else:
        tasks = policy_tasks.generate(args.n, args.seed)
        results = policy_tasks.verify(tasks) if args.verify else [None] * len(tasks)
        records = [{**t, "messages": policy_tasks.to_chat(t, r)} for t, r in zip(tasks, results, strict=True)]
    if policy_tasks.held_out_overlap(records):
        print("refusing: the data uses names of the held-out suite", file=sys.stderr)
        return 1

    base = base_gguf(args.base)
    tok = AutoTokenizer.from_pretrained(str(base.parent), gguf_file=base.name)
    model = AutoModelForCausalLM.from_pretrained(str(base.parent), gguf_file=base.name, dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=args.rank, lora_alpha=args.alpha, lora_dropout=0.0,
                                             target_modules=list(TARGETS), task_type="CAUSAL_LM"))
    examples = [encode(tok, r["messages"], args.max_len) for r in records]
    prefix = encode(tok, records[0]["messages"][:1], args.max_len)[0]
    if any(ids[: len(prefix)] != prefix for ids, _ in examples):
        print("refusing: the chats do not all start with the same system prompt", file=sys.stderr)
        return 1
    trainer = PrefixTrainer(model, prefix, args.refresh)
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    updates = max(1, args.steps // args.accum)
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda u: 1.0 - 0.9 * min(u, updates) / updates)
    model.train()
    order = list(range(len(examples)))
    losses: list[float] = []
    t0 = time.perf_counter()
    for step in range(args.steps):
        if step % len(order) == 0:
            random.shuffle(order)
        loss = trainer.loss(*examples[order[step % len(order)]])
        (loss / args.accum).backward()
        if (step + 1) % args.accum == 0 or step == args.steps - 1:
            optim.step()
            sched.step()
            optim.zero_grad()
        losses.append(float(loss.detach()))
        if step % 20 == 0 or step == args.steps - 1:
            recent = losses[-20:]
            print(f"step {step + 1}/{args.steps} loss {sum(recent) / len(recent):.3f} "
                  f"({time.perf_counter() - t0:.0f} s)", flush=True)
    model.save_pretrained(str(out / "peft"))
    n = write_gguf_adapter(model, out / "adapter.gguf", args.alpha)
    tail = losses[-50:]
    summary = {"base": base.name, "base_sha256": sha256(base), "seed": args.seed, "tasks": len(records),
               "verified": bool(args.verify), "steps": args.steps, "accum": args.accum, "lr": args.lr,
               "rank": args.rank, "alpha": args.alpha, "refresh": args.refresh,
               "command": "scripts/train_policy.py " + " ".join(argv if argv is not None else sys.argv[1:]),
               "first_loss": losses[0] if losses else None,
               "final_loss_mean_last_50": round(sum(tail) / len(tail), 4) if tail else None,
               "seconds": round(time.perf_counter() - t0, 1), "adapter_tensors": n,
               "adapter_bytes": (out / "adapter.gguf").stat().st_size, "adapter_sha256": sha256(out / "adapter.gguf")}
    if args.check:
        summary["llama_cpp_answer"] = check_in_llama_cpp(base, out / "adapter.gguf")
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Drives `lockstep mcp` with the official MCP Python SDK, as an agent would: lists the tools,
checks the drifted example, asks for one finding's context, looks up the contract element and
what depends on it, fixes that line, checks again, and requires that exactly that finding is
gone. Usage: mcp_client.py LOCKSTEP_BINARY PROJECT.
Prints a JSON summary; exits non-zero (with the reason) on any failure."""

import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def field(value, camel, snake):
    """A field under the name this SDK version gives it (camelCase before 2.0, snake_case after)."""
    return getattr(value, camel) if hasattr(value, camel) else getattr(value, snake)


def structured(result):
    if field(result, "isError", "is_error"):
        raise SystemExit(f"tool error: {result.content}")
    content = field(result, "structuredContent", "structured_content")
    if content is None:
        raise SystemExit("no structured content")
    text = json.loads(result.content[0].text)
    if text != content:
        raise SystemExit("the text mirror differs from the structured content")
    return content


async def main(binary, project):
    server = StdioServerParameters(command=binary, args=["mcp", project])
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()
            names = sorted(tool.name for tool in tools.tools)
            if names != ["check", "context", "contract", "gen", "impact", "migrate_plan", "rule"]:
                raise SystemExit(f"tools: {names}")
            for tool in tools.tools:
                if tool.name != "rule" and not field(tool, "outputSchema", "output_schema"):
                    raise SystemExit(f"{tool.name} has no output schema")
            before = structured(await session.call_tool("check", {}))
            again = structured(await session.call_tool("check", {}))
            if before != again:
                raise SystemExit("two checks of the same state differ")
            target = next(
                f for f in before["findings"] if f["code"] == "ui/invalid-enum-value" and "canceled" in f["message"]
            )
            context = structured(await session.call_tool("context", {"finding": target["id"]}))
            if "'canceled'" not in context["context"] or context["tokens"] <= 0:
                raise SystemExit(f"context: {context}")
            path, line = target["at"].rsplit(":", 1)
            # The element the finding concerns, and every place that depends on it: the fixed
            # line is one of them.
            element = structured(await session.call_tool("contract", {"element": "Order.status"}))
            if element["kind"] != "field" or "OrderStatus" not in element["definition"]:
                raise SystemExit(f"contract: {element}")
            impact = structured(await session.call_tool("impact", {"element": "Order.status"}))
            if not any(p["file"] == path and p["line"] == int(line) for p in impact["places"]):
                raise SystemExit(f"impact lacks {target['at']}: {impact['places']}")
            if impact["file_tokens"] <= 0 or sum(g["places"] for g in impact["groups"]) != len(impact["places"]):
                raise SystemExit(f"impact counts: {impact['groups']}")
            file = f"{project}/{path}"
            with open(file, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
            lines[int(line) - 1] = lines[int(line) - 1].replace("'canceled'", "'cancelled'")
            with open(file, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines))
            after = structured(await session.call_tool("check", {}))
            before_ids = {f["id"] for f in before["findings"]}
            after_ids = {f["id"] for f in after["findings"]}
            if after_ids != before_ids - {target["id"]}:
                raise SystemExit(f"after the fix: gone {before_ids - after_ids}, new {after_ids - before_ids}")
            only_ui = structured(await session.call_tool("check", {"layers": ["db"]}))
            if any(f["code"].startswith("ui/") for f in only_ui["findings"]):
                raise SystemExit("the layer filter let ui findings through")
            # The dry runs write nothing.
            migrations = f"{project}/supabase/migrations"
            listed = sorted(os.listdir(migrations))
            plan = structured(await session.call_tool("migrate_plan", {}))
            if not plan["changes"] or not plan["files"] or "public.orders" not in plan["files"][0]["sql"]:
                raise SystemExit(f"migrate_plan: {plan}")
            if sorted(os.listdir(migrations)) != listed:
                raise SystemExit("migrate_plan wrote a file")
            generated = structured(await session.call_tool("gen", {}))
            if not generated["files"] or any(f["state"] == "written" for f in generated["files"]):
                raise SystemExit(f"gen: {generated}")
            rule = await session.call_tool("rule", {"code": "ui/unknown-column"})
            if field(rule, "isError", "is_error") or "unknown-column" not in rule.content[0].text:
                raise SystemExit(f"rule: {rule.content}")
            print(json.dumps({"findings_before": len(before_ids), "findings_after": len(after_ids),
                              "context_tokens": context["tokens"], "file_tokens": context["file_tokens"],
                              "impact_places": len(impact["places"])}))


asyncio.run(main(sys.argv[1], sys.argv[2]))

import { expect, it } from "vitest";
import { paginate, collect } from "../../../src/backend/paginate.js";
import { createOrg, createUser, expectServiceError, type ContractCases } from "../support.js";

export const paginationCases: ContractCases = (t) => {
  it("pages ListUsers with opaque tokens and MaxResults, every user exactly once, in order", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createUser(api, org, `user${i}`));
    const first = await api.listUsers({ OrganizationId: org, MaxResults: 3 });
    expect(first.Users?.map((u) => u.Id)).toEqual(ids.slice(0, 3));
    expect(first.NextToken).toEqual(expect.any(String));
    expect(first.NextToken).not.toMatch(/^\d+$/);
    const second = await api.listUsers({ OrganizationId: org, MaxResults: 3, NextToken: first.NextToken });
    const third = await api.listUsers({ OrganizationId: org, MaxResults: 3, NextToken: second.NextToken });
    expect(second.Users?.map((u) => u.Id)).toEqual(ids.slice(3, 6));
    expect(third.Users?.map((u) => u.Id)).toEqual(ids.slice(6));
    expect(third.NextToken).toBeUndefined();
    const all = await collect(
      paginate((token) => api.listUsers({ OrganizationId: org, MaxResults: 2, NextToken: token }), "Users"),
    );
    expect(all.map((u) => u.Id)).toEqual(ids);
  });

  it("does not shift a page when users are added between pages", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await createUser(api, org, `user${i}`));
    const first = await api.listUsers({ OrganizationId: org, MaxResults: 2 });
    ids.push(await createUser(api, org, "late"));
    const rest = await api.listUsers({ OrganizationId: org, MaxResults: 10, NextToken: first.NextToken });
    expect(rest.Users?.map((u) => u.Id)).toEqual(ids.slice(2));
  });

  it("filters, and refuses a token reused with other filters or forged: InvalidParameterException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    for (const n of ["ann", "anna", "annie", "bob"]) await createUser(api, org, n);
    const page = await api.listUsers({ OrganizationId: org, MaxResults: 1, Filters: { UsernamePrefix: "ann" } });
    expect(page.Users?.map((u) => u.Name)).toEqual(["ann"]);
    await expectServiceError(
      api.listUsers({
        OrganizationId: org,
        MaxResults: 1,
        NextToken: page.NextToken,
        Filters: { UsernamePrefix: "b" },
      }),
      "InvalidParameterException",
      "The next token does not match the request parameters it was issued for.",
    );
    await expectServiceError(
      api.listUsers({ OrganizationId: org, NextToken: "bm90IGEgdG9rZW4=" }),
      "InvalidParameterException",
      "The next token is invalid.",
    );
    const next = await api.listUsers({
      OrganizationId: org,
      MaxResults: 5,
      NextToken: page.NextToken,
      Filters: { UsernamePrefix: "ann" },
    });
    expect(next.Users?.map((u) => u.Name)).toEqual(["anna", "annie"]);
  });

  it("bounds MaxResults as the model does: ValidationException", async () => {
    const { api } = t();
    const org = await createOrg(api, "acme");
    await expectServiceError(
      api.listUsers({ OrganizationId: org, MaxResults: 101 }),
      "ValidationException",
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    await expectServiceError(
      api.listOrganizations({ MaxResults: 0 }),
      "ValidationException",
      /greater than or equal to 1$/,
    );
    await expectServiceError(
      api.listUsers({ OrganizationId: org, MaxResults: "5" as unknown as number }),
      "SerializationException",
      "class java.lang.String can not be converted to an Integer",
    );
  });

  it("pages ListOrganizations too", async () => {
    const { api } = t();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createOrg(api, `org${i}`));
    const all = await collect(
      paginate((token) => api.listOrganizations({ MaxResults: 2, NextToken: token }), "OrganizationSummaries"),
    );
    expect(all.map((o) => o.OrganizationId)).toEqual(ids);
  });
};

// Tags as a list, for the generated request: the contract's indexed parameters Tags.N.Key / Tags.N.Value
// (x-tag-list) become one optional property each in the typescript-fetch request (`tags1Key` …
// `tags20Value`, the generator's camelCase of the wire name). This turns a list into those properties,
// so that nobody writes `tags17Key` by hand:
//
//   api.createTrafficMirrorSession({ ...required, ...tagParameters([{ Key: 'env', Value: 'prod' }]) })
import type { CreateTrafficMirrorSessionRequest } from 'tmkit-client';

/** One tag; a tag without a value is sent without its Tags.N.Value (and one without a key without its Tags.N.Key). */
export interface Tag {
    Key?: string;
    Value?: string;
}

/** The request's tag properties, as the generated request type has them. */
export type TagProperty = Extract<keyof CreateTrafficMirrorSessionRequest, `tags${number}Key` | `tags${number}Value`>;
export type TagParameters = Partial<Pick<CreateTrafficMirrorSessionRequest, TagProperty>>;

/**
 * tags[0] becomes Tags.1.Key/Tags.1.Value, tags[1] Tags.2.…, in list order. The generated client has
 * properties for the contract's indices only (Tags.1 to Tags.20): it leaves out a property it does not
 * have, so a longer list is not sent whole (the server's limit is the contract's maxItems anyway).
 */
export function tagParameters(tags: readonly Tag[]): TagParameters {
    const parameters: Record<string, string> = {};
    tags.forEach((tag, i) => {
        if (tag.Key !== undefined) {
            parameters[`tags${i + 1}Key`] = tag.Key;
        }
        if (tag.Value !== undefined) {
            parameters[`tags${i + 1}Value`] = tag.Value;
        }
    });
    return parameters as TagParameters;
}

import { createPublicClient, http } from 'viem'
import { JsonRpcClient } from './json-rpc'

const chain = createPublicClient({ transport: http() })
const jsonRpc = new JsonRpcClient('/rpc')

export async function balance(address: string) {
  await jsonRpc.rpc('eth_getBalance', { address })
  return chain.request({ method: 'eth_blockNumber' })
}

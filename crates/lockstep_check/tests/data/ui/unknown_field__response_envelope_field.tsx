'use client'
import { useEffect, useState } from 'react'

export function OrderTotals() {
  const [total, setTotal] = useState(0)

  useEffect(() => {
    fetch('/api/orders')
      .then((res) => res.json())
      .then((json) => {
        setTotal(json.data.reduce((sum: number, o: any) => sum + o.totalCnts, 0))
        console.log(json.nextCursor)
      })
  }, [])

  return <p>{total}</p>
}
